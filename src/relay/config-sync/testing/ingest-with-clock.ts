import type { StatusStore } from "../../../store/status-store.ts";
import { type IngestServer, startIngestServer } from "../../transport/testing/ingest-server.ts";

export type ServedIngest = IngestServer;

/**
 * The real ingest app on a free 127.0.0.1 port, reading time from `now`: a test that moves a manual
 * clock by minutes keeps the relay's signature timestamps inside the ingest's window.
 */
export function serveIngest(store: StatusStore, now: () => number): Promise<ServedIngest> {
  return startIngestServer(store, () => new Date(now()));
}
