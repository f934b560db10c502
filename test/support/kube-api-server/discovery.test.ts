import { type KubeConfig, KubernetesObjectApi } from "@kubernetes/client-node";
import { afterEach, beforeEach, expect, test } from "vitest";
import { KubeApiServer } from "./kube-api-server.ts";
import { kubeconfigFor } from "./kubeconfig.ts";

let server: KubeApiServer;
let kc: KubeConfig;

beforeEach(async () => {
  server = await KubeApiServer.start();
  kc = kubeconfigFor(server);
});

afterEach(async () => {
  await server.close();
});

async function get(path: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${server.url}${path}`, { headers: { Authorization: `Bearer ${server.token}` } });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

test("/api lists the core versions", async () => {
  const { body } = await get("/api");

  expect(body).toMatchObject({ kind: "APIVersions", versions: ["v1"] });
});

test("/apis lists every group with its preferred version first", async () => {
  const { body } = await get("/apis");
  const groups = body.groups as {
    name: string;
    versions: { version: string }[];
    preferredVersion: { groupVersion: string };
  }[];

  expect(groups.map((g) => g.name)).toEqual(
    expect.arrayContaining(["apps", "batch", "autoscaling", "coordination.k8s.io", "apiextensions.k8s.io"]),
  );
  const autoscaling = groups.find((g) => g.name === "autoscaling");
  expect(autoscaling?.versions.map((v) => v.version)).toEqual(["v2", "v1"]);
  expect(autoscaling?.preferredVersion.groupVersion).toBe("autoscaling/v2");
});

test("a group version lists its resources and their status subresources", async () => {
  const { body } = await get("/apis/apps/v1");
  const resources = body.resources as { name: string; namespaced: boolean; kind: string; verbs: string[] }[];

  expect(body).toMatchObject({ kind: "APIResourceList", groupVersion: "apps/v1" });
  expect(resources.find((r) => r.name === "deployments")).toMatchObject({
    singularName: "deployment",
    namespaced: true,
    kind: "Deployment",
    shortNames: ["deploy"],
    verbs: expect.arrayContaining(["list", "watch"]),
  });
  expect(resources.map((r) => r.name)).toContain("deployments/status");
});

test("client-node finds a cluster-scoped kind's path through discovery", async () => {
  server.apply({ apiVersion: "v1", kind: "Node", metadata: { name: "node-1" } });
  const api = KubernetesObjectApi.makeApiClient(kc);

  const node = await api.read({ apiVersion: "v1", kind: "Node", metadata: { name: "node-1" } });

  expect(node.metadata?.name).toBe("node-1");
  expect(server.requestCount("/api/v1")).toBe(1);
  expect(server.requestCount("/api/v1/nodes/node-1")).toBe(1);
});

test("a registered resource appears in discovery and can be listed", async () => {
  server.registerResource({
    group: "example.com",
    version: "v1",
    plural: "widgets",
    kind: "Widget",
    namespaced: true,
  });

  const { body } = await get("/apis/example.com/v1");
  const list = await get("/apis/example.com/v1/namespaces/default/widgets");

  expect(body.resources).toEqual(
    expect.arrayContaining([expect.objectContaining({ name: "widgets", kind: "Widget" })]),
  );
  expect(list).toMatchObject({
    status: 200,
    body: { kind: "WidgetList", apiVersion: "example.com/v1", items: [] },
  });
});

test("an unregistered resource disappears from discovery", async () => {
  server.registerResource({
    group: "example.com",
    version: "v1",
    plural: "widgets",
    kind: "Widget",
    namespaced: true,
  });

  server.unregisterResource("widgets.example.com");

  expect((await get("/apis/example.com/v1")).status).toBe(404);
  expect((await get("/apis/example.com/v1/widgets")).status).toBe(404);
});
