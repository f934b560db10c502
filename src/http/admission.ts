import type { MiddlewareHandler } from "hono";
import { OverloadedError } from "../errors.ts";

export interface AdmissionLimits {
  /** Requests served at once; the rest wait their turn. */
  maxInFlight: number;
  /** Requests waiting at most; one more is refused at once. */
  maxQueued: number;
  /** A request that waited this long is refused rather than served late. */
  maxWaitMs: number;
}

/**
 * For one process serving every relay (`dev`): past what it can serve in time, saying no at once
 * (429, which a relay retries after `Retry-After`, losing nothing) beats answering in 15 s, close
 * to the relay's request timeout, after which it resends what was already stored. Capacity is a
 * count of requests in flight with a short FIFO queue in front, so the work in flight, and the
 * memory it holds, stays bounded however many relays post at once.
 */
export const DEFAULT_ADMISSION: AdmissionLimits = { maxInFlight: 8, maxQueued: 32, maxWaitMs: 2_000 };

export interface Admission {
  middleware: MiddlewareHandler;
  stats(): { inFlight: number; queued: number; shed: number };
}

export function createAdmission(limits: AdmissionLimits = DEFAULT_ADMISSION): Admission {
  let inFlight = 0;
  let shed = 0;
  const queue: { admit: () => void }[] = [];

  const release = () => {
    const next = queue.shift();
    if (next)
      next.admit(); // the slot passes straight on: inFlight stays the same
    else inFlight--;
  };

  const acquire = (): Promise<void> => {
    if (inFlight < limits.maxInFlight) {
      inFlight++;
      return Promise.resolve();
    }
    if (queue.length >= limits.maxQueued) return Promise.reject(refuse("too many requests waiting"));
    return new Promise<void>((resolve, reject) => {
      const waiter = {
        admit: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        queue.splice(queue.indexOf(waiter), 1);
        reject(refuse(`no capacity within ${limits.maxWaitMs} ms`));
      }, limits.maxWaitMs);
      queue.push(waiter);
    });
  };

  const refuse = (why: string) => {
    shed++;
    return new OverloadedError(`the ingest is at capacity (${why}): retry after the Retry-After delay`);
  };

  return {
    middleware: async (_c, next) => {
      await acquire();
      try {
        await next();
      } finally {
        release();
      }
    },
    stats: () => ({ inFlight, queued: queue.length, shed }),
  };
}
