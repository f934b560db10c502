import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { KubeApiServer, kubeconfigFor } from "../../../test/support/kube-api-server/index.ts";
import { pod } from "../../../test/support/kube-api-server/test-objects.ts";
import type { KubeObject } from "../../interpret/kube-object.ts";
import { KubeApiError } from "./kube-http.ts";
import { KubeWatch } from "./kube-watch.ts";

const PODS = "/api/v1/namespaces/default/pods";

let server: KubeApiServer;

beforeEach(async () => {
  server = await KubeApiServer.start({ bookmarkIntervalMs: 0 });
});

afterEach(async () => {
  await server.close();
});

interface Watched {
  events: { type: string; object: KubeObject }[];
  done: Promise<unknown>;
  controller: AbortController;
}

async function watch(query: Record<string, string | boolean>, idleTimeoutMs = 10_000): Promise<Watched> {
  const events: Watched["events"] = [];
  let ended: (error: unknown) => void = () => {};
  const done = new Promise<unknown>((resolve) => {
    ended = resolve;
  });
  const kubeWatch = new KubeWatch(kubeconfigFor(server), idleTimeoutMs);
  const controller = await kubeWatch.watch(
    PODS,
    query,
    (type, object) => events.push({ type, object: object as KubeObject }),
    ended,
  );
  return { events, done, controller };
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
}

describe("KubeWatch", () => {
  test("delivers the stream's events in order, objects without the server's managedFields", async () => {
    const w = await watch({ resourceVersion: server.resourceVersion, allowWatchBookmarks: true });
    await server.waitForWatches(1);
    server.apply(pod("web"));
    server.updateStatus(pod("web"), { phase: "Succeeded" });
    expect(server.get(pod("web"))?.metadata?.managedFields).toHaveLength(2);
    server.delete(pod("web"));
    server.sendBookmarks();

    await until(() => w.events.length === 4);
    expect(w.events.map((e) => e.type)).toEqual(["ADDED", "MODIFIED", "DELETED", "BOOKMARK"]);
    expect(w.events[1]?.object).toMatchObject({ kind: "Pod", status: { phase: "Succeeded" } });
    for (const { object } of w.events) expect(object.metadata).not.toHaveProperty("managedFields");
    w.controller.abort();
  });

  test("reports an ERROR event of the stream, then the server's end as done(null)", async () => {
    const old = server.resourceVersion;
    server.apply(pod("web"));
    server.expireHistory();

    const w = await watch({ resourceVersion: old });

    expect(await w.done).toBeNull();
    expect(w.events).toEqual([{ type: "ERROR", object: expect.objectContaining({ code: 410 }) }]);
  });

  test("fails with the server's refusal as a KubeApiError carrying its code and message", async () => {
    server.forbid("pods");

    const w = await watch({ resourceVersion: server.resourceVersion });
    const error = await w.done;

    expect(error).toBeInstanceOf(KubeApiError);
    expect(error).toMatchObject({ statusCode: 403, reason: "Forbidden" });
    expect((error as Error).message).toContain('pods is forbidden: User "');
    expect(w.controller.signal.aborted).toBe(true);
  });

  test("ends with a TimeoutError after the idle timeout without data", async () => {
    const w = await watch({ resourceVersion: server.resourceVersion }, 150);

    expect(await w.done).toMatchObject({ name: "TimeoutError" });
  });

  test("ends with an error when the connection drops mid-stream, with null when the server ends it", async () => {
    const dropped = await watch({ resourceVersion: server.resourceVersion });
    await server.waitForWatches(1);
    server.dropWatches();
    const error = await dropped.done;
    expect(error).toBeTruthy();
    expect(error).not.toMatchObject({ name: "TimeoutError" });

    const ended = await watch({ resourceVersion: server.resourceVersion });
    await server.waitForWatches(1);
    server.dropWatches({ graceful: true });
    expect(await ended.done).toBeNull();
  });

  test("ends when its controller is aborted", async () => {
    const w = await watch({ resourceVersion: server.resourceVersion });
    await server.waitForWatches(1);
    w.controller.abort();
    expect(await w.done).toBeTruthy();
    await until(() => server.openWatches() === 0);
  });
});
