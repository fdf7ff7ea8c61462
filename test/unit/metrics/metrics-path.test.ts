import { describe, expect, it } from "vitest";
import { isApiPath } from "../../../server/http/handle-api.ts";

describe("/metrics: the Prometheus endpoint and the dashboard page share a path", () => {
  it("goes to the API for a scraper, curl or no Accept header", () => {
    expect(isApiPath("/metrics")).toBe(true);
    expect(
      isApiPath("/metrics", {
        accept:
          "application/openmetrics-text; version=1.0.0; charset=utf-8;q=0.5,text/plain;version=0.0.4;q=0.3,*/*;q=0.1",
      }),
    ).toBe(true);
    expect(isApiPath("/metrics", { accept: "*/*" })).toBe(true);
  });

  it("goes to the page for a browser asking for HTML and for Next's router", () => {
    expect(isApiPath("/metrics", { accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" })).toBe(
      false,
    );
    expect(isApiPath("/metrics", { rsc: "1", accept: "*/*" })).toBe(false);
  });

  it("leaves the other API paths to the API whatever the client accepts", () => {
    expect(isApiPath("/api/v1/metrics", { accept: "text/html" })).toBe(true);
    expect(isApiPath("/api/health", { accept: "text/html" })).toBe(true);
    expect(isApiPath("/contexts", { accept: "text/html" })).toBe(false);
  });
});
