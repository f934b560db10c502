import { Hono } from "hono";
import { BadRequestError, PayloadTooLargeError } from "../errors.ts";
import { decodeBody, MAX_BODY_BYTES, readBody } from "../ingest/body.ts";
import { assertListedWithinClock } from "../ingest/clock-window.ts";
import { eventsToRefuse, wellFormedStatuses } from "../ingest/event-checks.ts";
import { type BatchAck, type EventBatch, eventBatchSchema, isViewCurrent } from "../model/wire.ts";
import type { Rejection } from "../store/records.ts";
import type { StatusStore } from "../store/status-store.ts";
import { type Clock, systemClock } from "./clock.ts";
import { handleError } from "./error-handler.ts";
import { clusterParamSchema } from "./params.ts";
import { authenticateRelay, authenticateRelayHeaders } from "./relay-auth.ts";
import { parseOrBadRequest } from "./validate.ts";

export interface IngestAppDeps {
  store: Pick<StatusStore, "applyBatch" | "getClusterCredentials" | "touchCluster" | "getEffectiveConfig">;
  clock?: Clock;
}

/** The relay-facing app: signed event batches in, desired config out (DESIGN.md "Wire protocol"). */
export function createIngestApp(deps: IngestAppDeps): Hono {
  const clock = deps.clock ?? systemClock;
  const app = new Hono();
  app.onError(handleError);

  app.post("/v1/clusters/:cluster/events", async (c) => {
    const { cluster } = parseOrBadRequest(clusterParamSchema, c.req.param(), "path");
    const now = clock();
    // Nothing of the body is read for a request that cannot be the cluster's relay's.
    const verify = await authenticateRelayHeaders(c, deps.store, cluster, now);
    const declared = Number(c.req.header("content-length") ?? 0);
    if (declared > MAX_BODY_BYTES)
      throw new PayloadTooLargeError(`body is larger than ${MAX_BODY_BYTES} bytes`);
    const raw = await readBody(c.req.raw.body, MAX_BODY_BYTES);
    const record = verify(raw);
    const batch = parseOrBadRequest(
      eventBatchSchema,
      parseJson(await decodeBody(raw, c.req.header("content-encoding"))),
      "batch",
    );

    assertListedWithinClock(batch, now);
    wellFormedStatuses(batch);

    // An event that cannot be stored is left out alone (200 with `rejected`), so no single event
    // can fail its batch for ever; faults that may pass still fail it (5xx) for the relay to retry.
    const result = await deps.store.applyBatch(cluster, batch, now, eventsToRefuse(batch, now));
    if (result.rejected.length > 0) logRejected(cluster, batch, result.rejected);
    await deps.store.touchCluster(record, {
      relayVersion: batch.relay.version,
      at: now,
      current: isViewCurrent(batch.watch),
      ...(batch.watch ? { watch: batch.watch } : {}),
      ...(batch.relay.heartbeatSeconds ? { heartbeatSeconds: batch.relay.heartbeatSeconds } : {}),
      changed: result.written > 0,
    });
    const ack: BatchAck = {
      accepted: result.accepted,
      stale: result.stale,
      rejected: result.rejected,
      configRevision: record.configRevision,
    };
    return c.json(ack);
  });

  app.get("/v1/clusters/:cluster/config", async (c) => {
    const { cluster } = parseOrBadRequest(clusterParamSchema, c.req.param(), "path");
    // A GET is signed over an empty body, so only the cluster's own relay can read its config.
    await authenticateRelay(c, deps.store, cluster, clock());
    const config = await deps.store.getEffectiveConfig(cluster);
    const etag = `"${config.revision}"`;
    c.header("ETag", etag);
    c.header("Cache-Control", "no-cache");
    if (matchesEtag(c.req.header("if-none-match"), etag)) return c.body(null, 304);
    return c.json({ configRevision: config.revision, config: config.document });
  });

  return app;
}

function logRejected(cluster: string, batch: EventBatch, rejected: readonly Rejection[]): void {
  const events = rejected.slice(0, 20).map(({ index, reason }) => {
    const object = batch.events[index]?.object;
    return { index, reason, object: object && `${object.kind} ${object.namespace}/${object.name}` };
  });
  console.warn(
    JSON.stringify({
      level: "warn",
      msg: "events rejected",
      cluster,
      seq: batch.relay.seq,
      rejected: rejected.length,
      events,
    }),
  );
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new BadRequestError(`body is not valid JSON: ${(cause as Error).message}`, [], { cause });
  }
}

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(",").some((tag) => {
    const t = tag.trim();
    return t === "*" || t === etag || t === `W/${etag}`;
  });
}
