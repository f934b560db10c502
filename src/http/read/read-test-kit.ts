import { interpret } from "../../interpret/interpret.ts";
import type { KubeObject } from "../../interpret/kube-object.ts";
import type { WireEvent } from "../../model/wire.ts";
import { generateReadToken, hashReadToken } from "../../store/read-token.ts";
import { useTestTable } from "../../store/testing/test-store.ts";
import { at, delta } from "../../store/testing/wire-events.ts";
import { createReadApp, type ReadAppDeps } from "../read-app.ts";

// Helpers for the read app's tests: a table with clusters seen at chosen times, objects recorded as
// the ingest records them, read tokens, and requests. Test-only (it registers vitest hooks).

/** The instant every read-app test reads at. */
export const NOW = at(100_000);
export const LABEL = "emco/deployment-id";

export function useReadTable() {
  const table = useTestTable();
  const seenAt = new Map<string, Date>();

  /** Records events the way the ingest does: apply the batch, then the visit (with `changed`). */
  async function record(cluster: string, events: WireEvent[]): Promise<void> {
    const when = seenAt.get(cluster) ?? NOW;
    const result = await table.store.applyBatch(cluster, delta(events), when);
    const registered = await table.store.getCluster(cluster);
    if (!registered) throw new Error(`cluster ${cluster} is not registered`);
    await table.store.touchCluster(registered, {
      relayVersion: "0.4.2",
      at: when,
      changed: result.written > 0,
    });
  }

  return {
    table,
    /** A registered cluster whose relay was last heard `seenSecondsAgo` before NOW. */
    async cluster(seenSecondsAgo = 0): Promise<string> {
      const name = table.cluster();
      await table.store.createCluster(name, "relay-secret-0123456789", at(0));
      seenAt.set(name, new Date(NOW.getTime() - seenSecondsAgo * 1000));
      await record(name, []);
      return name;
    },
    record,
    /** A read token stored in the table; returns the secret a client would send. */
    async token(options: { clusters?: string[]; expiresAt?: Date; name?: string } = {}): Promise<string> {
      const token = generateReadToken();
      await table.store.createReadToken(hashReadToken(token), { name: "reader", ...options }, at(0));
      return token;
    },
    app(deps: Partial<ReadAppDeps> = {}) {
      return createReadApp({ store: table.store, clock: () => NOW, auth: { disabled: true }, ...deps });
    },
  };
}

/** The event the relay sends for a fixture object, with its bundle label if it has one. */
export function objectEvent(object: KubeObject, rv: number, overrides: Partial<WireEvent> = {}): WireEvent {
  const label = object.metadata?.labels?.[LABEL];
  return {
    type: "UPSERT",
    object: {
      apiVersion: object.apiVersion ?? "",
      kind: object.kind ?? "",
      namespace: object.metadata?.namespace ?? "",
      name: object.metadata?.name ?? "",
      ...(label === undefined ? {} : { labels: { [LABEL]: label } }),
    },
    status: interpret(object),
    resourceVersion: String(rv),
    observedAt: at(rv).toISOString(),
    ...overrides,
  };
}

export async function getJson<T = Record<string, unknown>>(
  app: ReturnType<typeof createReadApp>,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: T; headers: Headers }> {
  const res = await app.request(path, { headers });
  return { status: res.status, body: (await res.json()) as T, headers: res.headers };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
