import { expect, test } from "vitest";
import { runLoad } from "../support/load-run.ts";

// The fast variant of the load case (`npm run bench -- load` runs the big one): a hundred relays
// posting at once to one `dev` process. It may say no (429, retried after Retry-After) but never
// keeps a relay waiting until its request times out, never fails with a 5xx, and loses nothing.

test("a hundred relays at once: every transition stored, no timeout, no 5xx", async () => {
  const figures = await runLoad({ relays: 100, objectsPerRelay: 5, rounds: 6, roundMs: 300 });
  expect(figures).toMatchObject({ timeouts: 0, serverErrors: 0, lost: 0, wrongFinal: 0 });
  expect(figures.requests).toBeGreaterThan(0);
}, 180_000);
