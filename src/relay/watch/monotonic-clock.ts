/** Marks a clock as already monotonic, so wrapping it again changes nothing. */
const MONOTONIC = Symbol("monotonic");

type Clock = (() => Date) & { [MONOTONIC]?: true };

/**
 * The wall clock, never going backwards: the store orders an object's events by observedAt first,
 * so a clock stepped back (NTP, a VM resumed) must not make a later observation look older. While
 * the wall clock is behind the last time given, that time is given again.
 */
export function monotonicClock(now: () => Date = () => new Date()): () => Date {
  if ((now as Clock)[MONOTONIC]) return now;
  let last = Number.NEGATIVE_INFINITY;
  const clock: Clock = () => {
    const at = now().getTime();
    if (at > last) last = at;
    return new Date(last);
  };
  clock[MONOTONIC] = true;
  return clock;
}
