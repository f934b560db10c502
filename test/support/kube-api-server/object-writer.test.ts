import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { KubeObject } from "../../../src/interpret/kube-object.ts";
import { KubeApiServer } from "./kube-api-server.ts";
import { deployment, pod } from "./test-objects.ts";

let server: KubeApiServer;

beforeEach(async () => {
  server = await KubeApiServer.start({ now: () => new Date("2025-03-01T10:00:00.123Z") });
});

afterEach(async () => {
  await server.close();
});

async function request(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: KubeObject }> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${server.token}`, "Content-Type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as KubeObject };
}

const DEPLOYMENTS = "/apis/apps/v1/namespaces/default/deployments";

describe("writes through the API", () => {
  test("a create sets uid, creationTimestamp, generation 1 and drops the status", async () => {
    const { status, body } = await request("POST", DEPLOYMENTS, {
      ...deployment("web"),
      status: { replicas: 9 },
    });

    expect(status).toBe(201);
    expect(body.metadata).toMatchObject({
      generation: 1,
      creationTimestamp: "2025-03-01T10:00:00Z",
      namespace: "default",
    });
    expect(body.metadata?.uid).toBeDefined();
    expect(body).not.toHaveProperty("status");
  });

  test("a spec change bumps the generation; a PUT on the object leaves the status alone", async () => {
    const created = server.apply({ ...deployment("web"), status: { replicas: 1 } });

    const { body } = await request("PUT", `${DEPLOYMENTS}/web`, {
      ...created,
      spec: { ...(created.spec as object), replicas: 3 },
      status: {},
    });

    expect(body.metadata?.generation).toBe(2);
    expect(body.status).toEqual({ replicas: 1 });
  });

  test("a PUT on /status changes only the status and keeps the generation", async () => {
    const created = server.apply(deployment("web"));

    const { body } = await request("PUT", `${DEPLOYMENTS}/web/status`, {
      ...created,
      spec: { replicas: 5 },
      status: { observedGeneration: 1, replicas: 1 },
    });

    expect(body.metadata?.generation).toBe(1);
    expect(body.spec).toEqual(created.spec);
    expect(body.status).toEqual({ observedGeneration: 1, replicas: 1 });
  });

  test("a write that changes nothing keeps the resourceVersion, as etcd skips it", async () => {
    const created = server.apply(deployment("web"));

    const { body } = await request("PUT", `${DEPLOYMENTS}/web`, created);

    expect(body.metadata?.resourceVersion).toBe(created.metadata?.resourceVersion);
    expect(server.resourceVersion).toBe(created.metadata?.resourceVersion);
  });

  test("a DELETE without finalizers removes the object", async () => {
    server.apply(deployment("web"));

    const { status } = await request("DELETE", `${DEPLOYMENTS}/web`);

    expect(status).toBe(200);
    expect(server.get(deployment("web"))).toBeUndefined();
  });
});

describe("finalizers", () => {
  test("deleting an object with finalizers marks it terminating and bumps its generation", () => {
    server.apply({
      ...deployment("web"),
      metadata: { ...deployment("web").metadata, finalizers: ["example.com/hold"] },
    });

    const terminating = server.delete(deployment("web"));

    expect(terminating.metadata).toMatchObject({ deletionTimestamp: "2025-03-01T10:00:00Z", generation: 2 });
    expect(server.get(deployment("web"))).toBeDefined();
  });

  test("removing the last finalizer of a terminating object deletes it", () => {
    server.apply({ ...pod("web"), metadata: { ...pod("web").metadata, finalizers: ["example.com/hold"] } });
    server.delete(pod("web"));

    server.removeFinalizers(pod("web"));

    expect(server.get(pod("web"))).toBeUndefined();
  });
});

describe("direct writes for tests", () => {
  test("apply keeps the metadata a fixture carries, except its resourceVersion", () => {
    const fixture = {
      ...deployment("web"),
      metadata: {
        ...deployment("web").metadata,
        uid: "u-1",
        generation: 7,
        resourceVersion: "999999",
        creationTimestamp: "2024-01-01T00:00:00Z",
      },
      status: { observedGeneration: 6 },
    };

    const stored = server.apply(fixture);

    expect(stored.metadata).toMatchObject({
      uid: "u-1",
      generation: 7,
      creationTimestamp: "2024-01-01T00:00:00Z",
    });
    expect(stored.metadata?.resourceVersion).toBe(server.resourceVersion);
    expect(stored.status).toEqual({ observedGeneration: 6 });
  });

  test("apply of a changed spec bumps the generation when the caller gives none", () => {
    server.apply(deployment("web", 1));

    const stored = server.apply(deployment("web", 2));

    expect(stored.metadata?.generation).toBe(2);
  });

  test("updateStatus changes the status without touching the generation", () => {
    server.apply(deployment("web"));

    const stored = server.updateStatus(deployment("web"), { replicas: 1 });

    expect(stored).toMatchObject({ metadata: { generation: 1 }, status: { replicas: 1 } });
  });
});
