import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { KubeApiServer, kubeconfigFor } from "../../../test/support/kube-api-server/index.ts";
import { pod } from "../../../test/support/kube-api-server/test-objects.ts";
import type { KubeObject } from "../../interpret/kube-object.ts";
import { createKubeHttp, KubeApiError } from "./kube-http.ts";
import { KubeWatch } from "./kube-watch.ts";

const PODS = "/api/v1/namespaces/default/pods";
const eventually = { timeout: 5_000, interval: 10 };

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

async function watch(
  query: Record<string, string | boolean>,
  idleTimeoutMs = 10_000,
  kc = kubeconfigFor(server),
): Promise<Watched> {
  const events: Watched["events"] = [];
  let ended: (error: unknown) => void = () => {};
  const done = new Promise<unknown>((resolve) => {
    ended = resolve;
  });
  const kubeWatch = new KubeWatch(kc, idleTimeoutMs);
  const controller = await kubeWatch.watch(
    PODS,
    query,
    (type, object) => events.push({ type, object: object as KubeObject }),
    ended,
  );
  return { events, done, controller };
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

    await vi.waitFor(() => expect(w.events).toHaveLength(4), eventually);
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
    await vi.waitFor(() => expect(server.openWatches()).toBe(0), eventually);
  });
});

describe("KubeWatch and KubeHttp over TLS, as a cluster is reached", () => {
  let tlsServer: KubeApiServer;

  beforeEach(async () => {
    tlsServer = await KubeApiServer.start({ bookmarkIntervalMs: 0, tls: true });
  });

  afterEach(async () => {
    await tlsServer.close();
  });

  test("lists and watches an https server whose certificate the kubeconfig's CA signed", async () => {
    const kc = kubeconfigFor(tlsServer);
    tlsServer.apply(pod("listed"));

    const list = (await createKubeHttp(kc).getJson(PODS)) as { items: KubeObject[] };
    const w = await watch({ resourceVersion: tlsServer.resourceVersion }, 10_000, kc);
    await tlsServer.waitForWatches(1);
    tlsServer.apply(pod("watched"));
    await vi.waitFor(() => expect(w.events).toHaveLength(1), eventually);
    w.controller.abort();

    expect(list.items.map((item) => item.metadata?.name)).toEqual(["listed"]);
    expect(w.events.map((e) => `${e.type} ${e.object.metadata?.name}`)).toEqual(["ADDED watched"]);
  });

  test("refuses a server whose certificate no CA of the kubeconfig signed", async () => {
    const otherCa = readFileSync(
      new URL("../../../test/support/kube-api-server/tls/other-ca.crt", import.meta.url),
    );
    const kc = kubeconfigFor({
      url: tlsServer.url,
      token: tlsServer.token,
      caData: otherCa.toString("base64"),
    });

    await expect(createKubeHttp(kc).getJson(PODS)).rejects.toThrow();
    const error = await (await watch({}, 10_000, kc)).done;

    expect(String((error as Error)?.cause ?? error)).toMatch(/certificate|self.signed|verify/i);
    expect(tlsServer.openWatches()).toBe(0);
  });
});
