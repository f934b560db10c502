import type { KubeConfig } from "@kubernetes/client-node";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { KubeApiServer } from "./kube-api-server.ts";
import { kubeconfigFor } from "./kubeconfig.ts";
import { pod } from "./test-objects.ts";
import { WatchRecorder } from "./watch-recorder.ts";

const PODS = "/api/v1/namespaces/default/pods";

let server: KubeApiServer;
let kc: KubeConfig;
let recorders: WatchRecorder[];

async function watch(
  path: string,
  query: Record<string, string | number | boolean | undefined>,
): Promise<WatchRecorder> {
  const recorder = await WatchRecorder.start(kc, path, query);
  recorders.push(recorder);
  return recorder;
}

beforeEach(async () => {
  server = await KubeApiServer.start({ bookmarkIntervalMs: 0 });
  kc = kubeconfigFor(server);
  recorders = [];
});

afterEach(async () => {
  for (const recorder of recorders) recorder.stop();
  await server.close();
});

describe("watch from a resourceVersion", () => {
  test("delivers ADDED, MODIFIED, DELETED and BOOKMARK in order, each with its resourceVersion", async () => {
    const from = server.resourceVersion;
    const recorder = await watch(PODS, { resourceVersion: from, allowWatchBookmarks: true });
    await server.waitForWatches(1);

    server.apply(pod("web"));
    server.updateStatus(pod("web"), { phase: "Succeeded" });
    server.delete(pod("web"));
    server.sendBookmarks();

    const events = await recorder.received(4);
    expect(events.map((e) => e.type)).toEqual(["ADDED", "MODIFIED", "DELETED", "BOOKMARK"]);
    const rvs = events.map((e) => Number(e.object.metadata.resourceVersion));
    expect(rvs).toEqual([...rvs].sort((a, b) => a - b));
    expect(events[3]?.object).toEqual({
      kind: "Pod",
      apiVersion: "v1",
      metadata: { resourceVersion: server.resourceVersion },
    });
  });

  test("replays the events after the given resourceVersion before live ones", async () => {
    server.apply(pod("a"));
    const from = server.resourceVersion;
    server.apply(pod("b"));
    server.apply(pod("c"));

    const recorder = await watch(PODS, { resourceVersion: from });
    const events = await recorder.received(2);

    expect(events.map((e) => e.object.metadata.name)).toEqual(["b", "c"]);
  });

  test("sends objects with kind and apiVersion", async () => {
    const recorder = await watch(PODS, { resourceVersion: server.resourceVersion });
    await server.waitForWatches(1);
    server.apply(pod("web"));

    const [added] = await recorder.received(1);

    expect(added?.object).toMatchObject({ kind: "Pod", apiVersion: "v1", metadata: { name: "web" } });
  });

  test("sends an ERROR event with a 410 Expired Status, then ends, for a resourceVersion older than the history", async () => {
    const old = server.resourceVersion;
    server.apply(pod("web"));
    server.expireHistory();

    const recorder = await watch(PODS, { resourceVersion: old });
    const [error] = await recorder.received(1);

    expect(error).toEqual({
      type: "ERROR",
      object: {
        kind: "Status",
        apiVersion: "v1",
        metadata: {},
        status: "Failure",
        message: `too old resource version: ${old} (${server.resourceVersion})`,
        reason: "Expired",
        code: 410,
      },
    });
    expect(await recorder.done).toBeNull();
  });

  test("expires resourceVersions that fall out of a bounded history window", async () => {
    await server.close();
    server = await KubeApiServer.start({ historySize: 2, bookmarkIntervalMs: 0 });
    kc = kubeconfigFor(server);
    const old = server.resourceVersion;
    for (const name of ["a", "b", "c"]) server.apply(pod(name));

    const recorder = await watch(PODS, { resourceVersion: old });
    const [error] = await recorder.received(1);

    expect(error?.object).toMatchObject({ code: 410, reason: "Expired" });
  });
});

describe("watch of a deletion held by finalizers", () => {
  test("shows MODIFIED with a deletionTimestamp, then DELETED with the last stored state once the finalizers go", async () => {
    server.apply({ ...pod("web"), metadata: { ...pod("web").metadata, finalizers: ["example.com/hold"] } });
    const recorder = await watch(PODS, { resourceVersion: server.resourceVersion });
    await server.waitForWatches(1);

    server.delete(pod("web"));
    server.removeFinalizers(pod("web"));
    const [terminating, deleted] = await recorder.received(2);

    expect(terminating?.type).toBe("MODIFIED");
    expect(terminating?.object.metadata.deletionTimestamp).toBeDefined();
    expect(deleted?.type).toBe("DELETED");
    expect(deleted?.object.metadata).toMatchObject({
      finalizers: ["example.com/hold"],
      resourceVersion: server.resourceVersion,
    });
  });
});

describe("watch from any resourceVersion", () => {
  test.each(["0", undefined])(
    "with resourceVersion %s starts with the current objects as ADDED events",
    async (rv) => {
      server.apply(pod("a"));
      server.apply(pod("b"));

      const recorder = await watch(PODS, { resourceVersion: rv });
      const events = await recorder.received(2);

      expect(events.map((e) => [e.type, e.object.metadata.name])).toEqual([
        ["ADDED", "a"],
        ["ADDED", "b"],
      ]);
    },
  );

  test("with sendInitialEvents ends the initial state with an annotated BOOKMARK", async () => {
    server.apply(pod("a"));

    const recorder = await watch(PODS, {
      sendInitialEvents: true,
      resourceVersionMatch: "NotOlderThan",
      allowWatchBookmarks: true,
    });
    const [, bookmark] = await recorder.received(2);

    expect(bookmark?.type).toBe("BOOKMARK");
    expect(bookmark?.object.metadata.annotations).toEqual({ "k8s.io/initial-events-end": "true" });
  });
});

describe("watch filtering", () => {
  test("watches one namespace only", async () => {
    const recorder = await watch(PODS, { resourceVersion: server.resourceVersion });
    await server.waitForWatches(1);
    server.apply(pod("elsewhere", { namespace: "kube-system" }));
    server.apply(pod("here"));

    const [event] = await recorder.received(1);

    expect(event?.object.metadata.name).toBe("here");
  });

  test("turns a label change into ADDED and DELETED for a label-selected watch", async () => {
    server.apply(pod("web", { labels: { tier: "back" } }));
    const recorder = await watch(PODS, {
      resourceVersion: server.resourceVersion,
      labelSelector: "tier=front",
    });
    await server.waitForWatches(1);

    server.patch(pod("web"), { metadata: { labels: { tier: "front" } } });
    server.patch(pod("web"), { metadata: { labels: { tier: "back" } } });
    const events = await recorder.received(2);

    expect(events.map((e) => e.type)).toEqual(["ADDED", "DELETED"]);
  });
});

describe("watch endings", () => {
  test("calls done with an error when the server cuts the watch mid-stream", async () => {
    const recorder = await watch(PODS, { resourceVersion: server.resourceVersion });
    await server.waitForWatches(1);

    server.dropWatches();

    expect(await recorder.done).toBeInstanceOf(Error);
    expect(server.openWatches()).toBe(0);
  });

  test("calls done without an error when the server ends the watch cleanly", async () => {
    const recorder = await watch(PODS, { resourceVersion: server.resourceVersion });
    await server.waitForWatches(1);

    server.dropWatches({ graceful: true });

    expect(await recorder.done).toBeNull();
  });

  test("ends the stream after timeoutSeconds, with a last bookmark", async () => {
    const recorder = await watch(PODS, {
      resourceVersion: server.resourceVersion,
      timeoutSeconds: 1,
      allowWatchBookmarks: true,
    });

    expect(await recorder.done).toBeNull();
    expect(recorder.types()).toEqual(["BOOKMARK"]);
  });

  test("sends periodic bookmarks when the server is configured to", async () => {
    await server.close();
    server = await KubeApiServer.start({ bookmarkIntervalMs: 20 });
    kc = kubeconfigFor(server);

    const recorder = await watch(PODS, {
      resourceVersion: server.resourceVersion,
      allowWatchBookmarks: true,
    });
    const events = await recorder.received(2);

    expect(events.map((e) => e.type)).toEqual(["BOOKMARK", "BOOKMARK"]);
  });

  test("sends no bookmarks unless the client allows them", async () => {
    const recorder = await watch(PODS, { resourceVersion: server.resourceVersion });
    await server.waitForWatches(1);

    server.sendBookmarks();
    server.apply(pod("web"));
    const events = await recorder.received(1);

    expect(events.map((e) => e.type)).toEqual(["ADDED"]);
  });

  test("answers 403 before streaming when the watch is forbidden", async () => {
    server.forbid("pods", ["watch"]);

    const recorder = await watch(PODS, { resourceVersion: server.resourceVersion });

    expect(await recorder.done).toMatchObject({ statusCode: 403 });
  });
});
