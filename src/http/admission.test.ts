import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { BadRequestError } from "../errors.ts";
import { createAdmission } from "./admission.ts";
import { handleError } from "./error-handler.ts";

/** An app whose every request holds its slot until released, behind the admission under test. */
function heldApp(limits: { maxInFlight: number; maxQueued: number; maxWaitMs: number }) {
  const admission = createAdmission(limits);
  const releases: (() => void)[] = [];
  const app = new Hono();
  app.onError(handleError);
  app.use("*", admission.middleware);
  app.post("/work", async (c) => {
    await new Promise<void>((resolve) => releases.push(resolve));
    return c.json({ ok: true });
  });
  const started = () => releases.length;
  const releaseAll = () => {
    for (const release of releases.splice(0)) release();
  };
  return { app, admission, started, releaseAll };
}

const until = async (check: () => boolean) => {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 1));
};

describe("admission", () => {
  it("serves up to its limit at once, queues the next ones and answers one more 429 with Retry-After at once", async () => {
    const { app, admission, started, releaseAll } = heldApp({
      maxInFlight: 2,
      maxQueued: 1,
      maxWaitMs: 10_000,
    });
    const served = [app.request("/work", { method: "POST" }), app.request("/work", { method: "POST" })];
    await until(() => started() === 2);
    const queued = app.request("/work", { method: "POST" });
    await until(() => admission.stats().queued === 1);

    const refused = await app.request("/work", { method: "POST" });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("1");
    expect(await refused.json()).toMatchObject({
      error: "throttled",
      message: expect.stringContaining("capacity"),
    });

    releaseAll();
    await until(() => started() === 1); // the queued one took the freed slot
    releaseAll();
    expect((await Promise.all([...served, queued])).map((r) => r.status)).toEqual([200, 200, 200]);
    expect(admission.stats()).toEqual({ inFlight: 0, queued: 0, shed: 1 });
  });

  it("refuses a request that waited its longest rather than serve it late, and frees its place", async () => {
    const { app, admission, started, releaseAll } = heldApp({ maxInFlight: 1, maxQueued: 4, maxWaitMs: 20 });
    const served = app.request("/work", { method: "POST" });
    await until(() => started() === 1);
    const late = await app.request("/work", { method: "POST" });
    expect(late.status).toBe(429);
    expect(admission.stats().queued).toBe(0);
    releaseAll();
    expect((await served).status).toBe(200);
    expect(admission.stats()).toMatchObject({ inFlight: 0, shed: 1 });
  });

  it("frees the slot of a request that failed", async () => {
    const admission = createAdmission({ maxInFlight: 1, maxQueued: 0, maxWaitMs: 10 });
    const app = new Hono();
    app.onError(handleError);
    app.use("*", admission.middleware);
    app.post("/fail", () => {
      throw new BadRequestError("no");
    });
    for (let i = 0; i < 3; i++) expect((await app.request("/fail", { method: "POST" })).status).toBe(400);
    expect(admission.stats()).toEqual({ inFlight: 0, queued: 0, shed: 0 });
  });
});
