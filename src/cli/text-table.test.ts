import { describe, expect, it } from "vitest";
import { formatTable } from "./text-table.ts";

describe("formatTable", () => {
  it("pads every column but the last to its widest cell", () => {
    const text = formatTable(
      ["NAME", "RELAY", "LAST SEEN"],
      [
        ["prod-eu-1", "-", "never"],
        ["dev", "0.3.1", "2027-01-15T10:00:00.000Z"],
      ],
    );

    expect(text).toBe(
      "NAME        RELAY   LAST SEEN\n" +
        "prod-eu-1   -       never\n" +
        "dev         0.3.1   2027-01-15T10:00:00.000Z\n",
    );
  });
});
