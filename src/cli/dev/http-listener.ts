import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createAdaptorServer } from "@hono/node-server";
import type { Hono } from "hono";

/** Requests still running this long after a stop are cut off, so stopping never hangs on a slow client. */
const DRAIN_MS = 5_000;

export interface HttpListener {
  /** `http://{host}:{port}` with the port actually bound (what `--port 0` picked). */
  url: string;
  close(): Promise<void>;
}

/** Serves `app` on `host:port` (0 picks a free port) through @hono/node-server. */
export async function listen(app: Hono, host: string, port: number): Promise<HttpListener> {
  // Without http2 or TLS options the adaptor makes a plain node:http server.
  const server = createAdaptorServer({ fetch: app.fetch, hostname: host, port }) as Server;
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "EADDRINUSE"
          ? new Error(`port ${port} on ${host} is in use: pass another --port (0 picks a free one)`, {
              cause: error,
            })
          : error,
      ),
    );
    server.listen(port, host, () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  const hostPart = host.includes(":") ? `[${host}]` : host;
  return {
    url: `http://${hostPart}:${bound}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        const cutOff = setTimeout(() => server.closeAllConnections(), DRAIN_MS).unref();
        server.close((error) => {
          clearTimeout(cutOff);
          if (error) reject(error);
          else resolve();
        });
        server.closeIdleConnections();
      }),
  };
}
