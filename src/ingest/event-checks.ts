import type { EventBatch, WireEvent } from "../model/wire.ts";
import { eventsBeyondClock } from "./clock-window.ts";

// Checks of one event that the schema cannot make alone (they relate its fields to each other), and
// the one repair the store needs: each gives a reason for `rejected`, so the event is left out alone.

/** Why the event's gap cannot be recorded as it says, or undefined when it can. */
export function gapProblem(event: WireEvent): string | undefined {
  const { gap } = event;
  if (gap === undefined) return undefined;
  const from = Date.parse(gap.from);
  const to = Date.parse(gap.to);
  if (from < 0) return `gap.from ${gap.from} is before 1970-01-01T00:00:00Z`;
  if (from > to) return `gap.from ${gap.from} is after gap.to ${gap.to}`;
  if (to > Date.parse(event.observedAt))
    return `gap.to ${gap.to} is after the observedAt ${event.observedAt} of the status that followed the gap`;
  return undefined;
}

const toWellFormed = (String.prototype as unknown as { toWellFormed: (this: string) => string }).toWellFormed;
const wellFormed = (text: string): string => toWellFormed.call(text);

/**
 * Statuses with lone surrogates made well-formed (each becomes U+FFFD) before they are stored. The
 * table would store them so anyway, and the same status sent again must compare equal to what was
 * stored, or every resend would look like a transition.
 */
export function wellFormedStatuses(batch: EventBatch): void {
  for (const event of batch.events) {
    const status = event.status;
    status.message = wellFormed(status.message);
    if (status.phase !== undefined) status.phase = wellFormed(status.phase);
    if (status.components)
      status.components = Object.fromEntries(
        Object.entries(status.components).map(([k, v]) => [wellFormed(k), wellFormed(v)]),
      );
    if (status.values)
      status.values = Object.fromEntries(Object.entries(status.values).map(([k, v]) => [wellFormed(k), v]));
  }
}

/** Every event of the batch to leave out, by position, with its reason. */
export function eventsToRefuse(batch: EventBatch, now: Date): Map<number, string> {
  const refused = eventsBeyondClock(batch, now);
  batch.events.forEach((event, index) => {
    const problem = refused.has(index) ? undefined : gapProblem(event);
    if (problem) refused.set(index, problem);
  });
  return refused;
}
