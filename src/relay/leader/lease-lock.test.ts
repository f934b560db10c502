import { createServer, type Server, type Socket } from "node:net";
import { CoordinationV1Api } from "@kubernetes/client-node";
import { afterEach, describe, expect, it } from "vitest";
import { KubeApiServer, kubeconfigFor } from "../../../test/support/kube-api-server/index.ts";
import { LeaseConflictError, LeaseLock } from "./lease-lock.ts";

const closers: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function apiServer(): Promise<KubeApiServer> {
  const server = await KubeApiServer.start();
  closers.push(() => server.close());
  return server;
}

/** A TCP server that accepts connections and never answers. */
async function silentServer(): Promise<string> {
  const sockets: Socket[] = [];
  const server: Server = createServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  );
  const address = server.address() as { port: number };
  return `http://127.0.0.1:${address.port}`;
}

function lock(target: { url: string; token: string }, requestTimeoutMs = 5_000): LeaseLock {
  return new LeaseLock({
    api: kubeconfigFor(target).makeApiClient(CoordinationV1Api),
    namespace: "status-recorder",
    name: "relay",
    requestTimeoutMs,
  });
}

const RECORD = {
  holderIdentity: "relay-a",
  leaseDurationSeconds: 15,
  acquireTime: Date.parse("2027-03-01T12:00:00Z"),
  renewTime: Date.parse("2027-03-01T12:00:00Z"),
  leaseTransitions: 0,
};

describe("the lease lock", () => {
  it("reads no record when there is no lease", async () => {
    const server = await apiServer();

    expect(await lock(server).get()).toBeUndefined();
  });

  it("reads back the record it created", async () => {
    const server = await apiServer();
    const a = lock(server);
    await a.create(RECORD);

    expect((await lock(server).get())?.record).toEqual(RECORD);
  });

  it("refuses an update over a write it has not read, as a conflict", async () => {
    const server = await apiServer();
    const [a, b] = [lock(server), lock(server)];
    await a.create(RECORD);
    await b.get();
    await b.update({ ...RECORD, holderIdentity: "relay-b" });

    await expect(a.update({ ...RECORD, renewTime: RECORD.renewTime + 5_000 })).rejects.toBeInstanceOf(
      LeaseConflictError,
    );
  });

  it("abandons a request the API server does not answer", async () => {
    const url = await silentServer();
    const started = Date.now();

    await expect(lock({ url, token: "t" }, 200).get()).rejects.toThrow(/timeout/);

    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
