import { type KubeConfig, KubernetesObjectApi } from "@kubernetes/client-node";
import { afterEach, beforeEach, expect, test } from "vitest";
import { KubeApiServer } from "./kube-api-server.ts";
import { kubeconfigFor } from "./kubeconfig.ts";
import { widget, widgetCrd } from "./test-objects.ts";
import { WatchRecorder } from "./watch-recorder.ts";

let server: KubeApiServer;
let kc: KubeConfig;

beforeEach(async () => {
  server = await KubeApiServer.start({ bookmarkIntervalMs: 0 });
  kc = kubeconfigFor(server);
});

afterEach(async () => {
  await server.close();
});

test("storing a CRD serves its kind, and custom resource list items keep kind and apiVersion", async () => {
  server.apply(widgetCrd());
  server.apply(widget("w1"));

  const list = await KubernetesObjectApi.makeApiClient(kc).list("example.com/v1", "Widget", "default");

  expect(list.items).toEqual([expect.objectContaining({ apiVersion: "example.com/v1", kind: "Widget" })]);
});

test("a CRD serving two versions serves the same objects under each apiVersion", async () => {
  server.apply(widgetCrd({ versions: ["v1", "v1beta1"] }));
  server.apply(widget("w1", "default", "v1beta1"));

  const res = await fetch(`${server.url}/apis/example.com/v1beta1/namespaces/default/widgets/w1`, {
    headers: { Authorization: `Bearer ${server.token}` },
  });

  expect(await res.json()).toMatchObject({ apiVersion: "example.com/v1beta1", metadata: { name: "w1" } });
  expect(server.get(widget("w1"))?.apiVersion).toBe("example.com/v1");
});

test("deleting a CRD deletes its custom resources, then ends their watches", async () => {
  server.apply(widgetCrd());
  server.apply(widget("w1"));
  const recorder = await WatchRecorder.start(kc, "/apis/example.com/v1/widgets", {
    resourceVersion: server.resourceVersion,
  });
  await server.waitForWatches(1);

  server.delete(widgetCrd());

  expect(await recorder.done).toBeNull();
  expect(recorder.types()).toEqual(["DELETED"]);
  expect(server.get(widgetCrd())).toBeUndefined();
  expect(() => server.apply(widget("w2"))).toThrow(/not served/);
});
