import type { KubeObject } from "../../src/interpret/kube-object.ts";
import {
  type Instance,
  instanceAt,
  isoAt,
  type KindGroup,
  pickWeighted,
  recreate,
  render,
  type Variant,
} from "./object-population.ts";

export type Change = "rv-only" | "managedFields" | "heartbeat" | "message" | "transition" | "delete";

/**
 * What the watch events of a live cluster are, as shares: mostly writes that change nothing the
 * status model records, some real moves to another state, a few deletes (each object deleted comes
 * back, with a new uid, the next time it is picked). A change a state cannot have (a heartbeat where
 * the state has no heartbeat field) becomes a managedFields change.
 */
export const CHURN_MIX: readonly { change: Change; share: number }[] = [
  { change: "managedFields", share: 0.25 }, // another manager's update: its managedFields time moves
  { change: "heartbeat", share: 0.25 }, // lastHeartbeatTime, lastProbeTime, reconciledAt… rewritten
  { change: "rv-only", share: 0.2 }, // a write that leaves everything but resourceVersion as it was
  { change: "message", share: 0.15 }, // a condition's message reworded, nothing else
  { change: "transition", share: 0.13 }, // another recorded state of the same kind
  { change: "delete", share: 0.02 },
];

/** The changes a stream made, as shares of its events: `managedFields 52%, rv-only 19%, …`. */
export function describeChanges(counts: Record<string, number>): string {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return Object.entries(counts)
    .sort(([, a], [, b]) => b - a)
    .map(([change, n]) => `${change} ${((100 * n) / Math.max(1, total)).toFixed(1)}%`)
    .join(", ");
}

/** One watch line and the watch (`apiVersion/Kind`) it arrives on. */
export interface StreamLine {
  readonly watch: string;
  readonly line: string;
}

/** Deterministic LCG (Park-Miller): the same stream in every run. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 48271) % 2147483647;
    return state / 2147483647;
  };
}

export class ChurnStream {
  readonly instances: Instance[];
  readonly counts: Record<Change | "recreate", number> = {
    "rv-only": 0,
    managedFields: 0,
    heartbeat: 0,
    message: 0,
    transition: 0,
    delete: 0,
    recreate: 0,
  };
  readonly #random: () => number;
  #resourceVersion = 50_000_000;
  #events = 0;
  #recreated = 0;

  constructor(groups: readonly KindGroup[], size: number, seed = 42) {
    this.instances = Array.from({ length: size }, (_, n) => instanceAt(groups, n));
    this.#random = seeded(seed);
  }

  /** ADDED for every object, as a watch from resourceVersion 0 begins. */
  initial(): StreamLine[] {
    return this.instances.map((instance) => this.#line("ADDED", instance));
  }

  /** The next event; hot objects (low numbers) change far more often than the rest, as in a real cluster. */
  next(): StreamLine {
    this.#events++;
    const n = Math.floor(this.instances.length * this.#random() ** 2);
    const instance = this.instances[n] as Instance;
    if (instance.deleted) {
      recreate(instance, n, ++this.#recreated);
      this.counts.recreate++;
      return this.#line("ADDED", instance);
    }
    const change = this.#possible(instance, this.#pick());
    this.counts[change]++;
    const now = isoAt(1000 + Math.floor(this.#events / 50));
    if (change === "managedFields") instance.specTime = now;
    else if (change === "heartbeat") instance.heartbeat = now;
    else if (change === "message") instance.messageSeq++;
    else if (change === "transition") {
      const others = instance.group.variants.length - 1;
      instance.variant = (instance.variant + 1 + Math.floor(this.#random() * others)) % (others + 1);
      instance.heartbeat = undefined;
      instance.messageSeq = 0;
    } else if (change === "delete") {
      instance.deleted = true;
      return this.#line("DELETED", instance);
    }
    if (change !== "rv-only" && change !== "managedFields") instance.statusTime = now;
    return this.#line("MODIFIED", instance);
  }

  /** The object as last streamed (its resourceVersion aside). */
  current(n: number): KubeObject | undefined {
    const instance = this.instances[n];
    return instance && !instance.deleted ? render(instance, 0) : undefined;
  }

  #pick(): Change {
    return pickWeighted(CHURN_MIX, (c) => c.share, this.#random()).change;
  }

  #possible(instance: Instance, change: Change): Change {
    const variant = instance.group.variants[instance.variant] as Variant;
    if (change === "heartbeat" && !variant.hasHeartbeat) return "managedFields";
    if (change === "message" && !variant.hasMessage) return "managedFields";
    if (change === "transition" && instance.group.variants.length < 2) return "managedFields";
    return change;
  }

  #line(type: "ADDED" | "MODIFIED" | "DELETED", instance: Instance): StreamLine {
    const object = render(instance, ++this.#resourceVersion);
    return { watch: instance.group.id, line: JSON.stringify({ type, object }) };
  }
}
