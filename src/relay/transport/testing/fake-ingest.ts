import { gunzipSync } from "node:zlib";
import type { EventBatch } from "../../../model/wire.ts";

export interface ReceivedRequest {
  url: string;
  headers: Record<string, string>;
  /** The body as sent (gzipped). */
  body: Uint8Array;
  batch: EventBatch;
}

export type Reply = (request: ReceivedRequest, index: number) => Response | Promise<Response>;

export const ack = (configRevision = "rev-1", accepted = 0): Response =>
  Response.json({ accepted, stale: 0, configRevision });

export const failure = (status: number, message: string, headers: Record<string, string> = {}): Response =>
  Response.json({ error: "error", message }, { status, headers });

/** A reply that never comes (until the request is aborted). */
export const hang = (): Promise<Response> => new Promise<Response>(() => {});

/** A `fetch` double for the sender: records every batch it is sent and answers as the test scripts. */
export class FakeIngest {
  readonly requests: ReceivedRequest[] = [];
  #reply: Reply = () => ack();
  #waiters: { count: number; resolve: () => void }[] = [];

  /** How every following request is answered. */
  replyWith(reply: Reply): void {
    this.#reply = reply;
  }

  /** The batches received so far, in order. */
  get batches(): EventBatch[] {
    return this.requests.map((r) => r.batch);
  }

  /** Resolves once `count` requests in all have been received. */
  received(count: number): Promise<void> {
    if (this.requests.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push({ count, resolve }));
  }

  readonly fetch = (async (input: string | URL, init: RequestInit = {}) => {
    const body = init.body as Uint8Array;
    const request: ReceivedRequest = {
      url: String(input),
      headers: init.headers as Record<string, string>,
      body,
      batch: JSON.parse(gunzipSync(body).toString()) as EventBatch,
    };
    const index = this.requests.push(request) - 1;
    for (const waiter of this.#waiters.filter((w) => this.requests.length >= w.count)) waiter.resolve();
    const signal = init.signal;
    const reply = Promise.resolve(this.#reply(request, index));
    if (!signal) return reply;
    return Promise.race([
      reply,
      new Promise<never>((_, reject) => {
        if (signal.aborted) reject(signal.reason);
        signal.addEventListener("abort", () => reject(signal.reason), { once: true });
      }),
    ]);
  }) as typeof globalThis.fetch;
}
