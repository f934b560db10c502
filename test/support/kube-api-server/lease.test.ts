import {
  ApiException,
  CoordinationV1Api,
  PatchStrategy,
  setHeaderOptions,
  type V1Lease,
} from "@kubernetes/client-node";
import { afterEach, beforeEach, expect, test } from "vitest";
import { KubeApiServer } from "./kube-api-server.ts";
import { kubeconfigFor } from "./kubeconfig.ts";

const NAMESPACE = "status-recorder";

let server: KubeApiServer;
let api: CoordinationV1Api;

function lease(holder: string, resourceVersion?: string): V1Lease {
  return {
    metadata: { name: "relay-leader", namespace: NAMESPACE, ...(resourceVersion ? { resourceVersion } : {}) },
    spec: {
      holderIdentity: holder,
      leaseDurationSeconds: 15,
      renewTime: new Date("2025-01-01T00:00:00.000Z"),
    },
  };
}

async function failure(call: Promise<unknown>): Promise<{ code: number; body: Record<string, unknown> }> {
  const err = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof ApiException)) throw new Error(`expected an ApiException, got ${String(err)}`);
  return { code: err.code, body: JSON.parse(err.body as string) };
}

beforeEach(async () => {
  server = await KubeApiServer.start();
  api = kubeconfigFor(server).makeApiClient(CoordinationV1Api);
});

afterEach(async () => {
  await server.close();
});

test("a created lease reads back with server-set metadata", async () => {
  await api.createNamespacedLease({ namespace: NAMESPACE, body: lease("relay-a") });

  const read = await api.readNamespacedLease({ name: "relay-leader", namespace: NAMESPACE });

  expect(read.spec?.holderIdentity).toBe("relay-a");
  expect(read.metadata?.resourceVersion).toBe(server.resourceVersion);
  expect(read.metadata?.uid).toMatch(/^[0-9a-f-]{36}$/);
});

test("creating a lease that exists answers 409 AlreadyExists", async () => {
  await api.createNamespacedLease({ namespace: NAMESPACE, body: lease("relay-a") });

  const { code, body } = await failure(
    api.createNamespacedLease({ namespace: NAMESPACE, body: lease("relay-b") }),
  );

  expect(code).toBe(409);
  expect(body).toMatchObject({
    reason: "AlreadyExists",
    message: 'leases.coordination.k8s.io "relay-leader" already exists',
  });
});

test("replacing with the current resourceVersion succeeds and bumps it", async () => {
  const created = await api.createNamespacedLease({ namespace: NAMESPACE, body: lease("relay-a") });

  const replaced = await api.replaceNamespacedLease({
    name: "relay-leader",
    namespace: NAMESPACE,
    body: lease("relay-b", created.metadata?.resourceVersion),
  });

  expect(replaced.spec?.holderIdentity).toBe("relay-b");
  expect(Number(replaced.metadata?.resourceVersion)).toBeGreaterThan(
    Number(created.metadata?.resourceVersion),
  );
});

test("replacing with a stale resourceVersion answers 409 Conflict", async () => {
  const created = await api.createNamespacedLease({ namespace: NAMESPACE, body: lease("relay-a") });
  await api.replaceNamespacedLease({
    name: "relay-leader",
    namespace: NAMESPACE,
    body: lease("relay-b", created.metadata?.resourceVersion),
  });

  const { code, body } = await failure(
    api.replaceNamespacedLease({
      name: "relay-leader",
      namespace: NAMESPACE,
      body: lease("relay-c", created.metadata?.resourceVersion),
    }),
  );

  expect(code).toBe(409);
  expect(body).toMatchObject({
    reason: "Conflict",
    message:
      'Operation cannot be fulfilled on leases.coordination.k8s.io "relay-leader": the object has been modified; please apply your changes to the latest version and try again',
  });
});

test("replacing a lease without a resourceVersion answers 422, as leases refuse unconditional updates", async () => {
  await api.createNamespacedLease({ namespace: NAMESPACE, body: lease("relay-a") });

  const { code } = await failure(
    api.replaceNamespacedLease({ name: "relay-leader", namespace: NAMESPACE, body: lease("relay-b") }),
  );

  expect(code).toBe(422);
});

test("replacing a lease that does not exist creates it", async () => {
  const created = await api.replaceNamespacedLease({
    name: "relay-leader",
    namespace: NAMESPACE,
    body: lease("relay-a"),
  });

  expect(created.spec?.holderIdentity).toBe("relay-a");
});

test("reading a missing lease answers 404 NotFound", async () => {
  const { code, body } = await failure(
    api.readNamespacedLease({ name: "relay-leader", namespace: NAMESPACE }),
  );

  expect(code).toBe(404);
  expect(body).toMatchObject({
    reason: "NotFound",
    details: { name: "relay-leader", group: "coordination.k8s.io", kind: "leases" },
  });
});

test("a merge patch changes the lease", async () => {
  await api.createNamespacedLease({ namespace: NAMESPACE, body: lease("relay-a") });

  const patched = await api.patchNamespacedLease(
    { name: "relay-leader", namespace: NAMESPACE, body: { spec: { holderIdentity: "relay-b" } } },
    setHeaderOptions("Content-Type", PatchStrategy.MergePatch),
  );

  expect(patched.spec?.holderIdentity).toBe("relay-b");
  expect(patched.spec?.leaseDurationSeconds).toBe(15);
});

test("a JSON patch whose test fails changes nothing", async () => {
  await api.createNamespacedLease({ namespace: NAMESPACE, body: lease("relay-a") });
  const before = server.resourceVersion;

  const { code } = await failure(
    api.patchNamespacedLease({
      name: "relay-leader",
      namespace: NAMESPACE,
      body: [
        { op: "test", path: "/spec/holderIdentity", value: "relay-z" },
        { op: "replace", path: "/spec/holderIdentity", value: "relay-b" },
      ],
    }),
  );

  expect(code).toBe(422);
  expect(server.resourceVersion).toBe(before);
});
