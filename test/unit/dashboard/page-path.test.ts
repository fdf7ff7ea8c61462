import { describe, expect, it } from "vitest";
import { isLocalPath, loginHref } from "../../../lib/auth/page-path.ts";

describe("loginHref", () => {
  it("keeps the path and query a logged-out visitor asked for, without Next's _rsc marker", () => {
    expect(loginHref("/contexts/8-8--a1?type=DATA")).toBe(
      `/login?callbackUrl=${encodeURIComponent("/contexts/8-8--a1?type=DATA")}`,
    );
    expect(loginHref("/search?q=x&_rsc=abc")).toBe(`/login?callbackUrl=${encodeURIComponent("/search?q=x")}`);
    expect(loginHref("/")).toBe("/login");
    expect(loginHref(null)).toBe("/login");
  });

  it("never returns to another origin", () => {
    for (const path of ["//example.org/x", "/\\example.org", "https://example.org/", "example.org"]) {
      expect(isLocalPath(path), path).toBe(false);
      expect(loginHref(path), path).toBe("/login");
    }
  });
});
