import { Registry } from "prom-client";
import { createSender } from "../sender.ts";
import type { SenderOptions } from "../sender-api.ts";
import { FakeIngest } from "./fake-ingest.ts";
import { ManualScheduler } from "./manual-scheduler.ts";
import { recordingLogger } from "./recording-logger.ts";

/** A sender wired to a fake ingest, a hand-moved clock and a private registry; jitter fixed at half. */
export function senderHarness(options: Partial<SenderOptions> = {}) {
  const scheduler = new ManualScheduler();
  const ingest = new FakeIngest();
  const registry = new Registry();
  const logs = recordingLogger();
  const sender = createSender({
    endpoint: "http://ingest.test/",
    cluster: "prod",
    secret: "s3cret",
    version: "1.0.0",
    configRevision: "rev-1",
    scheduler,
    fetch: ingest.fetch,
    registry,
    logger: logs,
    random: () => 0.5,
    ...options,
  });
  return { scheduler, ingest, registry, logs, sender };
}

/** Names of the objects in a batch's events, in order. */
export const namesIn = (batch: { events: { object: { name: string } }[] }): string[] =>
  batch.events.map((e) => e.object.name);
