import { describe, expect, test, vi } from "vitest";
import { loadFixture } from "../../../test/support/fixtures.ts";
import { widget, widgetCrd } from "../../../test/support/kube-api-server/test-objects.ts";
import { DEFAULT_KINDS } from "./default-kinds.ts";
import { useWatchHarness } from "./testing/watch-harness.ts";

const h = useWatchHarness();
const eventually = { timeout: 10_000, interval: 20 };

const DEPLOYMENT = { apiVersion: "apps/v1", kind: "Deployment" };
const NAMESPACE = { apiVersion: "v1", kind: "Namespace" };
const CHECKOUT = { group: "apps", kind: "Deployment", namespace: "shop", name: "checkout-api" };
const PAYMENTS = { group: "", kind: "Namespace", namespace: "", name: "payments" };
const W1 = { group: "example.com", kind: "Widget", namespace: "default", name: "w1" };
const widgetRule = (health: string) => ({ apiVersion: "example.com/v1", kind: "Widget", health });

const stateOf = (set: { states(): { kind: string; state: string }[] }, kind: string) =>
  set.states().find((s) => s.kind === kind)?.state;

describe("config changes", () => {
  test("a kind added to the watch list is listed and recorded", async () => {
    h.server.apply(loadFixture("deployment/available.yaml"));
    h.server.apply(loadFixture("namespace/active.yaml"));
    const set = h.watchSet({ watch: [NAMESPACE] });
    await vi.waitFor(
      async () => expect((await h.stored(PAYMENTS))?.status.health).toBe("Healthy"),
      eventually,
    );

    set.apply(h.config({ watch: [NAMESPACE, DEPLOYMENT] }));

    await vi.waitFor(
      async () => expect((await h.stored(CHECKOUT))?.status.health).toBe("Healthy"),
      eventually,
    );
  });

  test("a kind removed from the watch list is no longer watched", async () => {
    const set = h.watchSet({ watch: [NAMESPACE, DEPLOYMENT] });
    await h.server.waitForWatches(2);

    set.apply(h.config({ watch: [NAMESPACE] }));

    await vi.waitFor(() => expect(h.server.openWatches("deployments")).toBe(0), eventually);
    expect(set.states().map((s) => s.kind)).toEqual(["Namespace"]);
    expect(h.server.openWatches("namespaces")).toBe(1);
  });

  test("a changed rule lists its kind again and records the status the new rule reads", async () => {
    h.server.apply(widgetCrd());
    h.server.apply({ ...widget("w1"), status: { ready: true } });
    const watch = [{ apiVersion: "example.com/v1", kind: "Widget" }, DEPLOYMENT];
    const set = h.watchSet({ watch, rules: [widgetRule('"Healthy"')] });
    await vi.waitFor(async () => expect((await h.stored(W1))?.status.health).toBe("Healthy"), eventually);

    set.apply(h.config({ watch, rules: [widgetRule('"Suspended"')] }));

    await vi.waitFor(async () => expect((await h.stored(W1))?.status.health).toBe("Suspended"), eventually);
    const relists = (kind: string) =>
      h.metric("status_recorder_relay_relists_total", { kind, reason: "config" });
    expect(await relists("example.com/Widget")).toBe(1);
    expect(await relists("apps/Deployment")).toBe(0);
    expect(stateOf(set, "apps/Deployment")).toBe("watching");
  });

  test("changed namespaces restart the kind's watches in the new namespaces", async () => {
    const set = h.watchSet({ watch: [{ ...DEPLOYMENT, namespaces: ["shop"] }] });
    await h.server.waitForWatches(1);

    set.apply(h.config({ watch: [{ ...DEPLOYMENT, namespaces: ["shop", "billing"] }] }));

    await h.server.waitForWatches(2, "deployments");
    const watched = h.server.requests.filter((r) => r.verb === "watch").map((r) => r.path);
    expect(watched).toContain("/apis/apps/v1/namespaces/billing/deployments");
  });
});

test("without a watch list, every built-in kind is watched, and absent CRDs are reported", async () => {
  const set = h.watchSet({});

  await vi.waitFor(() => expect(stateOf(set, "apps/Deployment")).toBe("watching"), eventually);
  await vi.waitFor(() => expect(stateOf(set, "argoproj.io/ArgoCD")).toBe("not-installed"), eventually);
  expect(set.states()).toHaveLength(DEFAULT_KINDS.length);
});

test("reports each kind's state as a metric", async () => {
  h.server.forbid("namespaces");
  const set = h.watchSet({ watch: [NAMESPACE] });
  await vi.waitFor(() => expect(stateOf(set, "Namespace")).toBe("forbidden"), eventually);

  expect(
    await h.metric("status_recorder_relay_watch_kind_state", { kind: "Namespace", state: "forbidden" }),
  ).toBe(1);
  expect(
    await h.metric("status_recorder_relay_watch_kind_state", { kind: "Namespace", state: "watching" }),
  ).toBe(0);
});
