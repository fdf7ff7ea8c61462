import { describe, expect, it } from "vitest";
import { formatPublicId, parsePublicId } from "../../../server/core/public-id.ts";

describe("public context ids", () => {
  it("formats and parses Linkis's HA id", () => {
    expect(formatPublicId({ instance: "cs_1_dev", backupInstance: "cs_2_dev", id: 10493 })).toBe(
      "8-8--cs_1_devcs_2_dev10493",
    );
    expect(parsePublicId("8-8--cs_1_devcs_2_dev10493")).toEqual({
      instance: "cs_1_dev",
      backupInstance: "cs_2_dev",
      id: 10493,
    });
    expect(parsePublicId("1-2--abc7")).toEqual({ instance: "a", backupInstance: "bc", id: 7 });
  });

  it.each([
    "",
    "10493",
    "8-8--cs_1_devcs_2_dev",
    "8-8--cs_1_dev",
    "x-8--cs_1_devcs_2_dev1",
    "8-8--cs_1_devcs_2_dev12a",
    "0-0--5",
    "8-8--cs_1_devcs_2_dev0",
    "8-8--cs_1_devcs_2_dev99999999999999999",
  ])("refuses %j with a 400 that shows the format", (text) => {
    expect(() => parsePublicId(text)).toThrow(/is not a context id \(format/);
  });

  it("refuses a row number past the INT column, which no context can have, and takes the last one there is", () => {
    expect(() => parsePublicId("8-8--cs_1_devcs_2_dev2147483648", "idList.0")).toThrow(
      /^idList\.0: .* ends in a row number past 2147483647/,
    );
    expect(parsePublicId("1-1--ab2147483647").id).toBe(2147483647);
  });
});
