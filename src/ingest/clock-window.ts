import { BadRequestError } from "../errors.ts";
import type { EventBatch } from "../model/wire.ts";
import { TIMESTAMP_TOLERANCE_SECONDS } from "./signature.ts";

// Events are ordered by when the relay observed them, so a time far ahead of the ingest's clock
// would make every later real update of the object count as stale (it would be frozen). The relay
// signs with a timestamp within the signature's window of the ingest's clock, so its observation
// times can be no further ahead than that window either: anything beyond is refused.

/** How far ahead of the ingest's clock an observation time may be: the signature's window. */
export const CLOCK_WINDOW_SECONDS = TIMESTAMP_TOLERANCE_SECONDS;

/** The events observed beyond the window (position in the batch → reason), to be left out alone. */
export function eventsBeyondClock(batch: EventBatch, now: Date): Map<number, string> {
  const latest = now.getTime() + CLOCK_WINDOW_SECONDS * 1000;
  const refused = new Map<number, string>();
  batch.events.forEach((event, index) => {
    const observed = Date.parse(event.observedAt);
    if (observed > latest) refused.set(index, `observedAt ${event.observedAt} is ${aheadOf(now)}`);
    else if (observed < 0) refused.set(index, `observedAt ${event.observedAt} ${BEFORE_EPOCH}`);
  });
  return refused;
}

/**
 * A snapshot's listing start fences tombstones: one beyond the window would keep every object it
 * tombstoned from coming back. The whole part is wrong then, so it is refused (400) rather than applied.
 */
export function assertListedWithinClock(batch: EventBatch, now: Date): void {
  const listedAt = batch.snapshot?.listedAt;
  if (listedAt === undefined) return;
  const listed = Date.parse(listedAt);
  if (listed < 0)
    throw new BadRequestError("the snapshot's listedAt is before 1970", [
      `snapshot.listedAt: ${listedAt} ${BEFORE_EPOCH}`,
    ]);
  if (listed <= now.getTime() + CLOCK_WINDOW_SECONDS * 1000) return;
  const issue = `snapshot.listedAt: ${listedAt} is ${aheadOf(now)}`;
  throw new BadRequestError("the snapshot's listedAt is ahead of the ingest's clock", [issue]);
}

// Times are stored as fixed-width UTC strings that sort as they compare; a year before 1970 (say
// 0000-01-01T00:00:00+23:59) would print with a sign and break that. No relay observed anything then.
const BEFORE_EPOCH = "is before 1970-01-01T00:00:00Z, earlier than any relay could have observed it";

const aheadOf = (now: Date) =>
  `more than ${CLOCK_WINDOW_SECONDS} s ahead of the ingest's clock (${now.toISOString()})`;
