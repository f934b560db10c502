import { afterEach, beforeEach, expect, test } from "vitest";
import { KubeApiServer, kubeconfigFor } from "../../../test/support/kube-api-server/index.ts";
import { widgetCrd } from "../../../test/support/kube-api-server/test-objects.ts";
import { collectionPath, discoverResource } from "./discovery.ts";
import { createKubeHttp, type KubeHttp } from "./kube-http.ts";

let server: KubeApiServer;
let http: KubeHttp;

beforeEach(async () => {
  server = await KubeApiServer.start({ bookmarkIntervalMs: 0 });
  http = createKubeHttp(kubeconfigFor(server));
});

afterEach(async () => {
  await server.close();
});

test("finds a namespaced built-in kind's resource", async () => {
  expect(await discoverResource(http, "apps/v1", "Deployment")).toEqual({
    group: "apps",
    version: "v1",
    apiVersion: "apps/v1",
    kind: "Deployment",
    plural: "deployments",
    namespaced: true,
  });
});

test("finds a cluster-scoped core kind", async () => {
  expect(await discoverResource(http, "v1", "Node")).toMatchObject({ plural: "nodes", namespaced: false });
});

test("finds nothing for a kind whose CRD is not installed", async () => {
  expect(await discoverResource(http, "example.com/v1", "Widget")).toBeUndefined();
});

test("falls back to another version its group serves", async () => {
  server.apply(widgetCrd({ versions: ["v1beta1"] }));

  expect(await discoverResource(http, "example.com/v1", "Widget")).toMatchObject({
    apiVersion: "example.com/v1beta1",
    plural: "widgets",
  });
});

test("builds collection paths in one namespace or across all", async () => {
  const pods = { group: "", version: "v1", apiVersion: "v1", kind: "Pod", plural: "pods", namespaced: true };

  expect(collectionPath(pods, "shop")).toBe("/api/v1/namespaces/shop/pods");
  expect(collectionPath(pods)).toBe("/api/v1/pods");
  expect(collectionPath({ ...pods, namespaced: false, plural: "nodes" }, "shop")).toBe("/api/v1/nodes");
});
