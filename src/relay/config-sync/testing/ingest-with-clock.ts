import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { createIngestApp } from "../../../http/ingest-app.ts";
import type { StatusStore } from "../../../store/status-store.ts";

export interface ServedIngest {
  url: string;
  close(): Promise<void>;
}

/**
 * The real ingest app on a free 127.0.0.1 port, reading time from `now`: a test that moves a manual
 * clock by minutes keeps the relay's signature timestamps inside the ingest's window.
 */
export async function serveIngest(store: StatusStore, now: () => number): Promise<ServedIngest> {
  const app = createIngestApp({ store, clock: () => new Date(now()) });
  let server: ReturnType<typeof serve> | undefined;
  const port = await new Promise<number>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) =>
      resolve(info.port),
    );
  });
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        const http = server as unknown as { closeAllConnections?: () => void; close(cb: () => void): void };
        http.closeAllConnections?.();
        http.close(() => resolve());
      }),
  };
}
