import { ApiException, CoreV1Api, type KubeConfig, KubernetesObjectApi } from "@kubernetes/client-node";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { KubeApiServer } from "./kube-api-server.ts";
import { kubeconfigFor } from "./kubeconfig.ts";
import { deployment, pod } from "./test-objects.ts";

let server: KubeApiServer;
let kc: KubeConfig;

beforeEach(async () => {
  server = await KubeApiServer.start();
  kc = kubeconfigFor(server);
});

afterEach(async () => {
  await server.close();
});

async function rawGet(
  path: string,
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const res = await fetch(`${server.url}${path}`, { headers: { Authorization: `Bearer ${server.token}` } });
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, headers: res.headers };
}

async function apiError(call: Promise<unknown>): Promise<ApiException<string>> {
  const err = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof ApiException)) throw new Error(`expected an ApiException, got ${String(err)}`);
  return err as ApiException<string>;
}

describe("list", () => {
  test("lists a namespace's pods through CoreV1Api with the list's resourceVersion", async () => {
    server.apply(pod("a"));
    server.apply(pod("b"));
    server.apply(pod("other", { namespace: "kube-system" }));

    const list = await kc.makeApiClient(CoreV1Api).listNamespacedPod({ namespace: "default" });

    expect(list.items.map((p) => p.metadata?.name)).toEqual(["a", "b"]);
    expect(list.metadata?.resourceVersion).toBe(server.resourceVersion);
  });

  test("lists across namespaces in key order, namespace first", async () => {
    server.apply(pod("z", { namespace: "apps" }));
    server.apply(pod("a", { namespace: "web" }));
    server.apply(pod("b", { namespace: "apps" }));

    const list = await kc.makeApiClient(CoreV1Api).listPodForAllNamespaces();

    expect(list.items.map((p) => `${p.metadata?.namespace}/${p.metadata?.name}`)).toEqual([
      "apps/b",
      "apps/z",
      "web/a",
    ]);
  });

  test("lists through KubernetesObjectApi, which finds the path by discovery", async () => {
    server.apply(deployment("web"));

    const list = await KubernetesObjectApi.makeApiClient(kc).list("apps/v1", "Deployment", "default");

    expect(list.items.map((d) => d.metadata?.name)).toEqual(["web"]);
  });

  test("returns built-in items without kind and apiVersion, as a real server does", async () => {
    server.apply(pod("a"));

    const { body } = await rawGet("/api/v1/namespaces/default/pods");

    expect(body).toMatchObject({ kind: "PodList", apiVersion: "v1" });
    expect((body.items as Record<string, unknown>[])[0]).not.toHaveProperty("kind");
  });

  test("filters by label selector and field selector", async () => {
    server.apply(pod("a", { labels: { app: "web", tier: "front" } }));
    server.apply(pod("b", { labels: { app: "web" } }));
    server.apply(pod("c", { labels: { app: "db" } }));
    const api = kc.makeApiClient(CoreV1Api);

    const selected = await api.listNamespacedPod({
      namespace: "default",
      labelSelector: "app in (web),tier!=front",
    });
    const named = await api.listNamespacedPod({ namespace: "default", fieldSelector: "metadata.name=c" });

    expect(selected.items.map((p) => p.metadata?.name)).toEqual(["b"]);
    expect(named.items.map((p) => p.metadata?.name)).toEqual(["c"]);
  });

  test("refuses a malformed label selector with 400 BadRequest", async () => {
    const err = await apiError(
      kc.makeApiClient(CoreV1Api).listNamespacedPod({ namespace: "default", labelSelector: "app in web" }),
    );

    expect(err.code).toBe(400);
  });
});

describe("chunked list", () => {
  test("pages with limit and continue, every page at the first page's resourceVersion", async () => {
    for (const name of ["a", "b", "c"]) server.apply(pod(name));
    const api = kc.makeApiClient(CoreV1Api);

    const first = await api.listNamespacedPod({ namespace: "default", limit: 2 });
    server.apply(pod("aa"));
    server.delete(pod("c"));
    const second = await api.listNamespacedPod({
      namespace: "default",
      limit: 2,
      _continue: first.metadata?._continue,
    });

    expect(first.items.map((p) => p.metadata?.name)).toEqual(["a", "b"]);
    expect(first.metadata?.remainingItemCount).toBe(1);
    expect(second.items.map((p) => p.metadata?.name)).toEqual(["c"]);
    expect(second.metadata?.resourceVersion).toBe(first.metadata?.resourceVersion);
    expect(second.metadata?._continue).toBeUndefined();
  });

  test("answers 410 Expired for a continue token whose resourceVersion is no longer held", async () => {
    for (const name of ["a", "b", "c"]) server.apply(pod(name));
    const api = kc.makeApiClient(CoreV1Api);
    const first = await api.listNamespacedPod({ namespace: "default", limit: 1 });
    server.apply(pod("d"));
    server.expireHistory();

    const err = await apiError(
      api.listNamespacedPod({ namespace: "default", limit: 1, _continue: first.metadata?._continue }),
    );

    expect(err.code).toBe(410);
    expect(JSON.parse(err.body)).toMatchObject({ kind: "Status", reason: "Expired", code: 410 });
  });
});

describe("list failures", () => {
  test("answers 403 with an RBAC Status when the list is forbidden", async () => {
    server.forbid("deployments.apps");

    const { status, body } = await rawGet("/apis/apps/v1/namespaces/default/deployments");

    expect(status).toBe(403);
    expect(body).toEqual({
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: `deployments.apps is forbidden: User "${server.user}" cannot list resource "deployments" in API group "apps" in the namespace "default"`,
      reason: "Forbidden",
      details: { group: "apps", kind: "deployments" },
      code: 403,
    });
  });

  test("fails the next list with an injected code, then serves again", async () => {
    server.failNext("pods", 500);
    const api = kc.makeApiClient(CoreV1Api);

    const err = await apiError(api.listNamespacedPod({ namespace: "default" }));
    const list = await api.listNamespacedPod({ namespace: "default" });

    expect(err.code).toBe(500);
    expect(list.kind).toBe("PodList");
  });

  test("answers an injected 429 with Retry-After", async () => {
    server.failNext("pods", 429);

    const { status, headers, body } = await rawGet("/api/v1/pods");

    expect(status).toBe(429);
    expect(headers.get("retry-after")).toBe("1");
    expect(body).toMatchObject({ reason: "TooManyRequests", details: { retryAfterSeconds: 1 } });
  });

  test("answers 404 for a kind that is not served", async () => {
    const { status, body } = await rawGet("/apis/example.com/v1/widgets");

    expect(status).toBe(404);
    expect(body).toMatchObject({
      reason: "NotFound",
      message: "the server could not find the requested resource",
    });
  });

  test("answers 401 without the bearer token", async () => {
    const res = await fetch(`${server.url}/api/v1/pods`);

    expect(res.status).toBe(401);
  });

  test("holds the list response for the configured delay", async () => {
    server.setListDelay(100);
    const started = Date.now();

    await kc.makeApiClient(CoreV1Api).listNamespacedPod({ namespace: "default" });

    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
  });

  test("counts requests per path", async () => {
    const api = kc.makeApiClient(CoreV1Api);
    await api.listNamespacedPod({ namespace: "default" });
    await api.listNamespacedPod({ namespace: "default" });

    expect(server.requestCount("/api/v1/namespaces/default/pods", { verb: "list" })).toBe(2);
  });
});
