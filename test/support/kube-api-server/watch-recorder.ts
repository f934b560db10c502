// Drives client-node's real Watch and records what it delivers, so tests await events instead of sleeping.

import { type KubeConfig, Watch } from "@kubernetes/client-node";

export interface RecordedEvent {
  type: string;
  // biome-ignore lint/suspicious/noExplicitAny: events carry any object the server sends
  object: any;
}

export class WatchRecorder {
  readonly events: RecordedEvent[] = [];
  /** Settles with the error client-node passed to `done` (null for a clean end of stream). */
  readonly done: Promise<unknown>;
  private controller: AbortController | undefined;
  private listeners: (() => void)[] = [];
  private resolveDone: (err: unknown) => void = () => {};

  private constructor() {
    this.done = new Promise((resolve) => {
      this.resolveDone = resolve;
    });
  }

  static async start(
    kc: KubeConfig,
    path: string,
    query: Record<string, string | number | boolean | undefined> = {},
  ): Promise<WatchRecorder> {
    const recorder = new WatchRecorder();
    const watch = new Watch(kc);
    recorder.controller = await watch.watch(
      path,
      query,
      (type, object) => {
        recorder.events.push({ type, object });
        const waiting = recorder.listeners;
        recorder.listeners = [];
        for (const listener of waiting) listener();
      },
      (err) => recorder.resolveDone(err),
    );
    return recorder;
  }

  /** Resolves once at least `count` events have arrived; rejects if the watch ends first. */
  async received(count: number): Promise<RecordedEvent[]> {
    const ended = this.done.then(() => "ended" as const);
    while (this.events.length < count) {
      const next = new Promise<"event">((resolve) => this.listeners.push(() => resolve("event")));
      if ((await Promise.race([next, ended])) === "ended" && this.events.length < count)
        throw new Error(
          `watch ended after ${this.events.length} of ${count} events: ${this.types().join(", ")}`,
        );
    }
    return this.events.slice(0, count);
  }

  types(): string[] {
    return this.events.map((e) => e.type);
  }

  stop(): void {
    this.controller?.abort();
  }
}
