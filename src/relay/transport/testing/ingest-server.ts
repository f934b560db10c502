import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { createIngestApp } from "../../../http/ingest-app.ts";
import type { StatusStore } from "../../../store/status-store.ts";

export interface IngestServer {
  url: string;
  close(): Promise<void>;
}

/** The real ingest app, served over HTTP on a free 127.0.0.1 port, optionally on a test's clock. */
export async function startIngestServer(store: StatusStore, clock?: () => Date): Promise<IngestServer> {
  const app = createIngestApp(clock ? { store, clock } : { store });
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
