import { describe, expect, it } from "vitest";
import { RecentProblems } from "../../../server/core/recent-problems.ts";

describe("RecentProblems", () => {
  it("keeps warnings and errors, newest first, up to its capacity; ignores info", () => {
    const ring = new RecentProblems(3);
    ring.record(30, ["just info"]);
    ring.record(40, [{ event: "login-failed", user: "x" }, "login-failed"]);
    ring.record(50, [{ err: new Error("disk full"), route: "/api/v1/contexts" }, "request failed"]);
    ring.record(60, ["cannot start"]);
    ring.record(50, [{ component: "cleanup", err: new Error("boom") }, "could not resume"]);
    expect(ring.list()).toEqual([
      expect.objectContaining({ level: "error", msg: "could not resume", error: "boom", about: "cleanup" }),
      expect.objectContaining({ level: "fatal", msg: "cannot start" }),
      expect.objectContaining({ level: "error", msg: "request failed", error: "disk full", about: "/api/v1/contexts" }),
    ]);
  });

  it("uses the error's message when the line has no message of its own", () => {
    const ring = new RecentProblems();
    ring.record(50, [{ err: new Error("only the error") }]);
    expect(ring.list()[0]).toMatchObject({ msg: "only the error" });
    expect(ring.list()[0]!.error).toBeUndefined();
  });
});
