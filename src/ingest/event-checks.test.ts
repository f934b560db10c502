import { describe, expect, it } from "vitest";
import { deltaBatch, deploymentEvent } from "../../test/support/signed-request.ts";
import type { WireEvent } from "../model/wire.ts";
import { eventsToRefuse, gapProblem, wellFormedStatuses } from "./event-checks.ts";

const event = deploymentEvent("web", 5); // observed 2023-…
const withGap = (from: string, to: string, count = 3): WireEvent => ({ ...event, gap: { count, from, to } });
const secondsBefore = (seconds: number) =>
  new Date(Date.parse(event.observedAt) - seconds * 1000).toISOString();

describe("checks of one event's fields against each other", () => {
  it("accepts a gap that ends before the status that followed it", () => {
    expect(gapProblem(withGap(secondsBefore(30), secondsBefore(10)))).toBeUndefined();
  });

  it("refuses a gap from before 1970, one that ends before it begins, and one ending after its status", () => {
    expect(gapProblem(withGap("1960-01-01T00:00:00Z", secondsBefore(10)))).toContain("before 1970");
    expect(gapProblem(withGap(secondsBefore(10), secondsBefore(30)))).toContain("is after gap.to");
    expect(
      gapProblem(withGap(secondsBefore(10), new Date(Date.parse(event.observedAt) + 1000).toISOString())),
    ).toContain("after the observedAt");
  });

  it("lists a bad gap among the events to leave out, by position", () => {
    const now = new Date(Date.parse(event.observedAt) + 60_000);
    const refused = eventsToRefuse(deltaBatch([event, withGap(secondsBefore(10), secondsBefore(30))]), now);
    expect([...refused.keys()]).toEqual([1]);
  });

  it("makes lone surrogates in statuses well-formed, so a resend compares equal to what was stored", () => {
    const batch = deltaBatch([
      {
        ...event,
        status: {
          ...event.status,
          message: "a\ud800b",
          phase: "\udc00",
          components: { "k\ud800": "v\udc00" },
        },
      },
    ]);

    wellFormedStatuses(batch);

    expect(batch.events[0]?.status).toMatchObject({
      message: "a\ufffdb",
      phase: "\ufffd",
      components: { "k\ufffd": "v\ufffd" },
    });
  });
});
