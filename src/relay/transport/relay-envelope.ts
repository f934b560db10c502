import type { BatchAck, Snapshot } from "../../model/wire.ts";
import type { BatchEnvelope } from "./batch-body.ts";
import type { SenderOptions } from "./sender-api.ts";

/** What every batch says about the relay, and which config revision the ingest answered with. */
export class RelayEnvelope {
  #seq = 0;
  #configRevision: string;
  #announcedRevision: string | undefined;

  constructor(
    private readonly options: Pick<SenderOptions, "version" | "watchReport">,
    readonly epoch: number,
    configRevision: string,
  ) {
    this.#configRevision = configRevision;
  }

  get configRevision(): string {
    return this.#configRevision;
  }

  setConfigRevision(revision: string): void {
    this.#configRevision = revision;
    this.#announcedRevision = undefined;
  }

  /** The next batch's envelope; takes the next `seq`. */
  envelope(mode: "delta" | "snapshot", heartbeatMs: number, snapshot?: Snapshot): BatchEnvelope {
    // The interval rides along so the ingest paces its record of visits by it (cluster-visit.ts).
    const heartbeatSeconds = heartbeatMs / 1000;
    const relay = { version: this.options.version, epoch: this.epoch, seq: ++this.#seq, heartbeatSeconds };
    const watch = this.options.watchReport?.();
    return {
      relay,
      mode,
      ...(snapshot ? { snapshot } : {}),
      configRevision: this.#configRevision,
      ...(watch ? { watch } : {}),
    };
  }

  /** The ack's config revision if it is neither ours nor announced already; it counts as announced now. */
  newRevision(ack: BatchAck): string | undefined {
    const revision = ack.configRevision;
    if (revision === this.#configRevision || revision === this.#announcedRevision) return undefined;
    this.#announcedRevision = revision;
    return revision;
  }
}
