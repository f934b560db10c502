import { describe, expect, it } from "vitest";
import { deltaBatch, deploymentEvent } from "../../test/support/signed-request.ts";
import type { EventBatch } from "../model/wire.ts";
import { assertListedWithinClock, eventsBeyondClock } from "./clock-window.ts";

const now = new Date("2027-01-15T10:00:00Z");
const observedAt = (observed: string) => ({ ...deploymentEvent("web", 1), observedAt: observed });

describe("the ingest's clock window", () => {
  it("refuses alone an event observed more than 300 s ahead, or before 1970, and keeps the rest", () => {
    const batch = deltaBatch([
      observedAt("2027-01-15T10:04:59Z"),
      observedAt("2027-01-15T10:05:01Z"),
      observedAt("9999-12-31T23:59:59-23:59"),
      observedAt("0000-01-01T00:00:00+23:59"),
      observedAt("2020-01-01T00:00:00Z"),
    ]);

    const refused = eventsBeyondClock(batch, now);

    expect([...refused.keys()]).toEqual([1, 2, 3]);
    expect(refused.get(1)).toContain("more than 300 s ahead of the ingest's clock");
    expect(refused.get(3)).toContain("before 1970-01-01");
  });

  it("refuses a snapshot part listed ahead of the window or before 1970, naming snapshot.listedAt", () => {
    const part = (listedAt: string): EventBatch => ({
      ...deltaBatch([]),
      mode: "snapshot",
      snapshot: { id: "s", part: 0, last: true, kinds: ["apps/Deployment"], listedAt },
    });

    expect(() => assertListedWithinClock(part("2027-01-15T10:04:00Z"), now)).not.toThrow();
    expect(() => assertListedWithinClock(part("2027-01-15T11:00:00Z"), now)).toThrow(/ahead/);
    expect(() => assertListedWithinClock(part("0000-01-01T00:00:00+23:59"), now)).toThrow(/before 1970/);
  });
});
