import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { createProbeApp, type ProbeAppDeps } from "./probe-app.ts";

export const DEFAULT_PROBE_PORT = 9090;

export interface ProbeServerOptions extends ProbeAppDeps {
  /** Default 9090; 0 picks a free port. */
  port?: number;
  /** Default every interface (IPv4 and IPv6), so the kubelet and Prometheus reach it on the pod IP. */
  hostname?: string;
}

export interface ProbeServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Serves `/healthz`, `/readyz` and `/metrics` over plain HTTP. */
export async function startProbeServer(options: ProbeServerOptions): Promise<ProbeServer> {
  const app = createProbeApp(options);
  const hostname = options.hostname;
  let server: ReturnType<typeof serve> | undefined;
  const port = await new Promise<number>((resolve, reject) => {
    const port = options.port ?? DEFAULT_PROBE_PORT;
    server = serve({ fetch: app.fetch, port, ...(hostname ? { hostname } : {}) }, (info: AddressInfo) =>
      resolve(info.port),
    );
    server.once("error", reject);
  });
  const http = server as unknown as { closeAllConnections(): void; close(cb: () => void): void };
  const host = !hostname || hostname === "0.0.0.0" || hostname === "::" ? "127.0.0.1" : hostname;
  return {
    url: `http://${host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}
