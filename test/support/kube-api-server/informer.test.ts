import {
  ADD,
  CoreV1Api,
  DELETE,
  ERROR,
  type Informer,
  type KubeConfig,
  makeInformer,
  UPDATE,
  type V1Pod,
} from "@kubernetes/client-node";
import { afterEach, beforeEach, expect, test } from "vitest";
import { Collector } from "./collector.ts";
import { KubeApiServer } from "./kube-api-server.ts";
import { kubeconfigFor } from "./kubeconfig.ts";
import { deployment, pod } from "./test-objects.ts";

const PODS = "/api/v1/namespaces/default/pods";

let server: KubeApiServer;
let kc: KubeConfig;
let informer: Informer<V1Pod>;
let changes: Collector<string>;
let errors: Collector<unknown>;

beforeEach(async () => {
  server = await KubeApiServer.start({ bookmarkIntervalMs: 0 });
  kc = kubeconfigFor(server);
  const api = kc.makeApiClient(CoreV1Api);
  informer = makeInformer(kc, PODS, () => api.listNamespacedPod({ namespace: "default" }));
  changes = new Collector();
  errors = new Collector();
  for (const verb of [ADD, UPDATE, DELETE] as const)
    informer.on(verb, (obj) => changes.push(`${verb} ${obj.metadata?.name}`));
  informer.on(ERROR, errors.push);
});

afterEach(async () => {
  await informer.stop();
  await server.close();
});

test("an informer lists, then watches from the list's resourceVersion", async () => {
  server.apply(pod("a"));
  const listedAt = server.resourceVersion;

  await informer.start();
  await server.waitForWatches(1);
  server.apply(pod("b"));
  server.updateStatus(pod("a"), { phase: "Failed" });
  server.delete(pod("b"));

  expect(await changes.until(4)).toEqual(["add a", "add b", "update a", "delete b"]);
  expect(server.requests.find((r) => r.verb === "watch")?.query.resourceVersion).toBe(listedAt);
  expect(errors.items).toEqual([]);
});

test("an informer re-lists after a 410 and reports what was deleted while it was away", async () => {
  server.apply(pod("a"));
  server.apply(pod("b"));
  await informer.start();
  await server.waitForWatches(1);
  await changes.until(2);

  server.dropWatches({ graceful: true });
  server.delete(pod("a"));
  server.apply(deployment("unrelated"));
  server.expireHistory();

  expect(await changes.until(3)).toEqual(["add a", "add b", "delete a"]);
  expect(server.requestCount(PODS, { verb: "list" })).toBe(2);
  expect(errors.items).toEqual([]);
});

test("an informer reports an error when its watch is cut mid-stream", async () => {
  await informer.start();
  await server.waitForWatches(1);

  server.dropWatches();

  const [err] = await errors.until(1);
  expect(err).toBeInstanceOf(Error);
});
