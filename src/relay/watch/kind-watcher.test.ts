import { describe, expect, test, vi } from "vitest";
import { loadFixture } from "../../../test/support/fixtures.ts";
import { widget, widgetCrd } from "../../../test/support/kube-api-server/test-objects.ts";
import type { KubeObject } from "../../interpret/kube-object.ts";
import { useWatchHarness } from "./testing/watch-harness.ts";
import { watchReportOf } from "./watch-report.ts";

const h = useWatchHarness();

const DEPLOYMENTS = { watch: [{ apiVersion: "apps/v1", kind: "Deployment" }] };
const CHECKOUT = { group: "apps", kind: "Deployment", namespace: "shop", name: "checkout-api" };
const WIDGETS = {
  watch: [{ apiVersion: "example.com/v1", kind: "Widget" }],
  rules: [
    {
      apiVersion: "example.com/v1",
      kind: "Widget",
      health: 'object.status.ready ? "Healthy" : "Progressing"',
      message: 'has(object.status.message) ? object.status.message : ""',
    },
  ],
};
const W1 = { group: "example.com", kind: "Widget", namespace: "default", name: "w1" };
const eventually = { timeout: 10_000, interval: 20 };

function available(): KubeObject {
  return loadFixture("deployment/available.yaml");
}

async function storedHealth(ref: typeof CHECKOUT): Promise<string | undefined> {
  return (await h.stored(ref))?.status.health;
}

function kindState(
  set: { states(): { kind: string; state: string; lastError?: string; failingSince?: string }[] },
  kind: string,
) {
  return set.states().find((s) => s.kind === kind);
}

describe("listing", () => {
  test("records every listed object, reading the list in pages", async () => {
    for (const name of ["a", "b", "c"])
      h.server.apply({ ...available(), metadata: { ...available().metadata, name, uid: undefined } });

    h.watchSet(DEPLOYMENTS);

    await vi.waitFor(
      async () => expect(await storedHealth({ ...CHECKOUT, name: "c" })).toBe("Healthy"),
      eventually,
    );
    expect(h.server.requestCount("/apis/apps/v1/deployments", { verb: "list" })).toBe(2);
  });

  test("starts a list over when its continue token expires between pages", async () => {
    for (const name of ["a", "b", "c"])
      h.server.apply({ ...available(), metadata: { ...available().metadata, name, uid: undefined } });
    h.server.setListDelay(100);

    const set = h.watchSet(DEPLOYMENTS);
    await vi.waitFor(() => expect(h.server.requestCount("/apis/apps/v1/deployments")).toBe(1), eventually);
    h.server.apply({ ...available(), metadata: { ...available().metadata, name: "d", uid: undefined } });
    h.server.expireHistory();

    await vi.waitFor(
      async () => expect(await storedHealth({ ...CHECKOUT, name: "d" })).toBe("Healthy"),
      eventually,
    );
    expect(kindState(set, "apps/Deployment")?.lastError).toBeUndefined();
    expect(h.server.requestCount("/apis/apps/v1/deployments", { verb: "list" })).toBe(4);
  });
});

describe("watching", () => {
  test("sends a change of health seen by the watch", async () => {
    h.server.apply(available());
    const set = h.watchSet(DEPLOYMENTS);
    await vi.waitFor(() => expect(kindState(set, "apps/Deployment")?.state).toBe("watching"), eventually);

    const status = available().status as Record<string, unknown>;
    h.server.updateStatus(available(), {
      ...status,
      replicas: 4,
      updatedReplicas: 1,
      unavailableReplicas: 1,
    });

    await vi.waitFor(async () => expect(await storedHealth(CHECKOUT)).toBe("Progressing"), eventually);
  });

  test("sends nothing for a change of message only, or of resourceVersion only", async () => {
    h.server.apply(widgetCrd());
    h.server.apply({ ...widget("w1"), status: { ready: true, message: "all good" } });
    const set = h.watchSet(WIDGETS);
    await vi.waitFor(() => expect(kindState(set, "example.com/Widget")?.state).toBe("watching"), eventually);

    h.server.updateStatus(widget("w1"), { ready: true, message: "still good" });
    h.server.patch(widget("w1"), { metadata: { annotations: { touched: "yes" } } });
    h.server.updateStatus(widget("w1"), { ready: false, message: "resizing" });

    const kind = "example.com/Widget";
    await vi.waitFor(
      async () =>
        expect(await h.metric("status_recorder_relay_watch_events_total", { kind, outcome: "sent" })).toBe(1),
      eventually,
    );
    expect(await h.metric("status_recorder_relay_watch_events_total", { kind, outcome: "unchanged" })).toBe(
      2,
    );
    await vi.waitFor(
      async () =>
        expect((await h.stored(W1))?.status).toMatchObject({ health: "Progressing", message: "resizing" }),
      eventually,
    );
  });

  test("sends a deletion as DELETE, recorded as Missing", async () => {
    h.server.apply(available());
    const set = h.watchSet(DEPLOYMENTS);
    await vi.waitFor(async () => expect(await storedHealth(CHECKOUT)).toBe("Healthy"), eventually);
    await vi.waitFor(() => expect(kindState(set, "apps/Deployment")?.state).toBe("watching"), eventually);

    h.server.delete(available());

    await vi.waitFor(
      async () =>
        expect(await h.stored(CHECKOUT)).toMatchObject({
          status: { health: "Missing", kstatus: "NotFound", message: "deleted" },
        }),
      eventually,
    );
    expect((await h.stored(CHECKOUT))?.tombstonedBy).toBeUndefined();
  });
});

describe("interrupted watches", () => {
  test("resume from the last resourceVersion without a list, and lose nothing", async () => {
    h.server.apply(available());
    h.watchSet(DEPLOYMENTS);
    await h.server.waitForWatches(1);

    h.server.dropWatches();
    h.server.updateStatus(available(), {
      ...(available().status as object),
      availableReplicas: 0,
      readyReplicas: 0,
      unavailableReplicas: 3,
      replicas: 3,
    });

    await vi.waitFor(async () => expect(await storedHealth(CHECKOUT)).toBe("Progressing"), eventually);
    expect(h.server.requestCount("/apis/apps/v1/deployments", { verb: "list" })).toBe(1);
    expect(await h.metric("status_recorder_relay_watch_restarts_total", { kind: "apps/Deployment" })).toBe(1);
  });

  test("list again after 410 Gone, and the snapshot tombstones what was deleted meanwhile", async () => {
    h.server.apply(available());
    h.server.apply({ ...available(), metadata: { ...available().metadata, name: "stays", uid: undefined } });
    h.watchSet(DEPLOYMENTS);
    await h.server.waitForWatches(1);
    await vi.waitFor(async () => expect(await storedHealth(CHECKOUT)).toBe("Healthy"), eventually);

    h.server.dropWatches({ graceful: true });
    h.server.delete(available());
    h.server.expireHistory();

    await vi.waitFor(async () => expect((await h.stored(CHECKOUT))?.tombstonedBy).toBeDefined(), eventually);
    expect(await storedHealth(CHECKOUT)).toBe("Missing");
    expect(await storedHealth({ ...CHECKOUT, name: "stays" })).toBe("Healthy");
    expect(
      await h.metric("status_recorder_relay_relists_total", { kind: "apps/Deployment", reason: "expired" }),
    ).toBe(1);
  });
});

describe("kinds that cannot be watched", () => {
  test("a forbidden kind is reported as such while the other kinds are recorded", async () => {
    h.server.forbid("pods");
    h.server.apply(available());

    const set = h.watchSet({ watch: [{ apiVersion: "v1", kind: "Pod" }, ...DEPLOYMENTS.watch] });

    await vi.waitFor(
      () =>
        expect(kindState(set, "Pod")).toMatchObject({
          state: "forbidden",
          lastError: expect.stringContaining('cannot list resource "pods"'),
        }),
      eventually,
    );
    await vi.waitFor(async () => expect(await storedHealth(CHECKOUT)).toBe("Healthy"), eventually);
    expect(kindState(set, "apps/Deployment")?.state).toBe("watching");
  });

  test("a failing kind is reported with its error and since when, in the watch report and a gauge", async () => {
    h.server.forbid("pods");
    h.server.apply(available());
    const set = h.watchSet({ watch: [{ apiVersion: "v1", kind: "Pod" }, ...DEPLOYMENTS.watch] });
    await vi.waitFor(() => expect(kindState(set, "apps/Deployment")?.state).toBe("watching"), eventually);
    await vi.waitFor(() => expect(kindState(set, "Pod")?.state).toBe("forbidden"), eventually);

    const report = watchReportOf(set.states());
    expect(report).toMatchObject({
      kinds: 2,
      live: 1,
      failing: [
        { kind: "Pod", state: "forbidden", error: expect.stringContaining('cannot list resource "pods"') },
      ],
    });
    const since = Date.parse(report.failing[0]?.since ?? "");
    expect(Number.isNaN(since)).toBe(false);
    expect(
      await h.metric("status_recorder_relay_watch_failing_since_timestamp_seconds", {
        kind: "Pod",
        state: "forbidden",
        code: "403",
      }),
    ).toBe(since / 1000);

    h.server.allow("pods");
    await vi.waitFor(() => expect(kindState(set, "Pod")?.state).toBe("watching"), eventually);
    expect(watchReportOf(set.states())).toEqual({ kinds: 2, live: 2, failing: [] });
    expect(kindState(set, "Pod")?.failingSince).toBeUndefined();
  });

  test("a forbidden kind is listed once access is granted", async () => {
    h.server.forbid("deployments");
    h.server.apply(available());
    const set = h.watchSet(DEPLOYMENTS);
    await vi.waitFor(() => expect(kindState(set, "apps/Deployment")?.state).toBe("forbidden"), eventually);

    h.server.allow("deployments");

    await vi.waitFor(async () => expect(await storedHealth(CHECKOUT)).toBe("Healthy"), eventually);
    expect(kindState(set, "apps/Deployment")?.state).toBe("watching");
  });

  test("a kind whose CRD is removed has its objects deleted and is reported not installed", async () => {
    h.server.apply(widgetCrd());
    h.server.apply({ ...widget("w1"), status: { ready: true } });
    const set = h.watchSet(WIDGETS);
    await vi.waitFor(() => expect(kindState(set, "example.com/Widget")?.state).toBe("watching"), eventually);

    h.server.delete(widgetCrd());

    await vi.waitFor(
      () => expect(kindState(set, "example.com/Widget")?.state).toBe("not-installed"),
      eventually,
    );
    await vi.waitFor(async () => expect((await h.stored(W1))?.status.health).toBe("Missing"), eventually);
  });

  test("a kind whose CRD is installed later is picked up", async () => {
    const set = h.watchSet(WIDGETS);
    await vi.waitFor(
      () => expect(kindState(set, "example.com/Widget")?.state).toBe("not-installed"),
      eventually,
    );

    h.server.apply(widgetCrd());
    h.server.apply({ ...widget("w1"), status: { ready: true } });

    await vi.waitFor(async () => expect((await h.stored(W1))?.status.health).toBe("Healthy"), eventually);
  });
});
