/**
 * Time for the transport, injected so tests move it by hand instead of sleeping.
 * `setTimeout` returns a function that cancels the timer.
 */
export interface Scheduler {
  now(): number;
  setTimeout(callback: () => void, ms: number): () => void;
}

export const systemScheduler: Scheduler = {
  now: () => Date.now(),
  setTimeout(callback, ms) {
    const timer = setTimeout(callback, ms);
    return () => clearTimeout(timer);
  },
};
