/**
 * Runs `round` (which does `perRound` operations) repeatedly: a warm-up second, then rounds until about
 * `seconds` have passed. Returns the best rate seen, in operations per second, as benchmarks conventionally do
 * (the minimum time is the one least disturbed by the rest of the machine).
 */
export function measure(perRound: number, round: () => void, seconds = 2): number {
  const warmUntil = performance.now() + 500;
  while (performance.now() < warmUntil) round();
  let best = 0;
  const until = performance.now() + seconds * 1000;
  while (performance.now() < until) {
    const start = performance.now();
    round();
    const elapsed = (performance.now() - start) / 1000;
    if (elapsed > 0) best = Math.max(best, perRound / elapsed);
  }
  return best;
}

/** The shortest run of `run` (awaited) over about `seconds`, after one warm-up run, in milliseconds. */
export async function bestMs(run: () => unknown, seconds: number): Promise<number> {
  await run();
  let best = Number.POSITIVE_INFINITY;
  const until = performance.now() + seconds * 1000;
  do {
    const start = performance.now();
    await run();
    best = Math.min(best, performance.now() - start);
  } while (performance.now() < until);
  return best;
}
