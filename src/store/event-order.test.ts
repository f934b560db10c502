import { describe, expect, it } from "vitest";
import { compareOrder, isNewer, sortableVersion } from "./event-order.ts";

const ev = (resourceVersion: string, observedAt = "2025-03-01T10:00:00Z") => ({
  resourceVersion,
  observedAt,
});

describe("event order", () => {
  it("orders by observation time first, whatever the resourceVersions say", () => {
    expect(compareOrder(ev("9".repeat(64), "2025-03-01T10:00:00Z"), ev("12", "2025-03-01T10:00:01Z"))).toBe(
      -1,
    );
    expect(compareOrder(ev("10", "2025-03-01T10:00:01Z"), ev("x9", "2025-03-01T10:00:00Z"))).toBe(1);
    expect(compareOrder(ev("zz", "2025-03-01T10:00:01Z"), ev("aa", "2025-03-01T10:00:02Z"))).toBe(-1);
  });

  it("breaks a tie of observation times by numeric resourceVersion, beyond 2^53 too", () => {
    expect(compareOrder(ev("10"), ev("9"))).toBe(1);
    expect(compareOrder(ev("90071992547409930"), ev("90071992547409929"))).toBe(1);
    expect(compareOrder(ev("7"), ev("7"))).toBe(0);
  });

  it("calls two readings at one instant with non-numeric resourceVersions a tie (batch order decides)", () => {
    expect(compareOrder(ev("b"), ev("a"))).toBe(0);
    expect(compareOrder(ev("10"), ev("a"))).toBe(0);
  });

  it("lets a real later update replace a record whose resourceVersion is 64 nines", () => {
    const frozen = ev("9".repeat(64), "2025-03-01T10:00:00Z");
    expect(isNewer(ev("12345", "2025-03-01T10:00:01Z"), frozen)).toBe(true);
  });

  it("treats a duplicate (same resourceVersion, same observedAt) as not newer", () => {
    expect(isNewer(ev("5"), ev("5"))).toBe(false);
  });

  it("treats the same resourceVersion observed later as a newer reading (re-interpretation)", () => {
    expect(isNewer(ev("5", "2025-03-01T10:05:00Z"), ev("5", "2025-03-01T10:00:00Z"))).toBe(true);
    expect(isNewer(ev("5", "2025-03-01T09:55:00Z"), ev("5", "2025-03-01T10:00:00Z"))).toBe(false);
  });

  it("lets no event observed before a snapshot's listing revive what it tombstoned", () => {
    const tombstone = { ...ev("5", "2025-03-01T10:00:00Z"), tombstonedBy: "snap-1" };
    expect(isNewer(ev("9", "2025-03-01T09:59:59Z"), tombstone)).toBe(false);
    expect(isNewer(ev("9", "2025-03-01T10:00:00Z"), tombstone)).toBe(true);
  });

  it("pads numeric resourceVersions so history keys sort numerically", () => {
    expect(sortableVersion("9") < sortableVersion("10")).toBe(true);
    expect(sortableVersion("abc")).toBe("abc");
  });
});
