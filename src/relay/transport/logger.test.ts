import { describe, expect, it } from "vitest";
import { jsonLogger } from "./logger.ts";

describe("jsonLogger", () => {
  it("writes one JSON object a line with time, level, message and fields", () => {
    const lines: string[] = [];
    const log = jsonLogger(
      (line) => lines.push(line),
      () => new Date("2027-01-15T10:00:00Z"),
    );
    log.warn("send failed, will retry", { reason: "server", status: 503 });
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      {
        time: "2027-01-15T10:00:00.000Z",
        level: "warn",
        msg: "send failed, will retry",
        reason: "server",
        status: 503,
      },
    ]);
  });
});
