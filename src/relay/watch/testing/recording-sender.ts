import type { WireEvent } from "../../../model/wire.ts";
import type { Sender } from "../../transport/sender-api.ts";
import type { SnapshotOutcome } from "../../transport/snapshot-job.ts";

export interface RecordedSnapshot {
  kinds: readonly string[];
  listedAt: string;
  events: readonly WireEvent[];
}

/**
 * The tracker's port to the transport, recorded: for unit tests of the tracker only (everything
 * that talks to an API server uses the real sender). Snapshots settle with `outcome`.
 */
export class RecordingSender implements Pick<Sender, "enqueue" | "sendSnapshot"> {
  readonly events: WireEvent[] = [];
  readonly snapshots: RecordedSnapshot[] = [];
  outcome: SnapshotOutcome = "completed";

  enqueue(event: WireEvent) {
    this.events.push(event);
    return "added" as const;
  }

  sendSnapshot(kinds: readonly string[], listedAt: Date | string, events: readonly WireEvent[]) {
    this.snapshots.push({ kinds, listedAt: new Date(listedAt).toISOString(), events });
    return Promise.resolve(this.outcome);
  }
}
