import { readdirSync } from "node:fs";
import { join } from "node:path";
import { interpret } from "../../src/interpret/interpret.ts";
import { groupOf, type KubeObject } from "../../src/interpret/kube-object.ts";
import type { ObjectStatus } from "../../src/model/object-status.ts";
import { FIXTURES_DIR, loadFixture } from "./fixtures.ts";
import type { KubeApiServer } from "./kube-api-server/index.ts";

/** The kinds churned, each with every fixture of it: their statuses are the states objects move between. */
const KINDS = [
  { apiVersion: "apps/v1", kind: "Deployment", folder: "deployment" },
  { apiVersion: "apps/v1", kind: "StatefulSet", folder: "statefulset" },
  { apiVersion: "apps/v1", kind: "DaemonSet", folder: "daemonset" },
  { apiVersion: "apps/v1", kind: "ReplicaSet", folder: "replicaset" },
  { apiVersion: "v1", kind: "Pod", folder: "pod" },
  { apiVersion: "v1", kind: "PersistentVolumeClaim", folder: "persistentvolumeclaim" },
  { apiVersion: "batch/v1", kind: "Job", folder: "job" },
] as const;

type Kind = (typeof KINDS)[number];

/** The kinds a churn writes, as the test API server names them. */
export const CHURNED_KINDS: readonly string[] = KINDS.map((k) => k.kind);

const SPEC_CHANGE: Partial<Record<Kind["kind"], (n: number) => Record<string, unknown>>> = {
  Deployment: (n) => ({ minReadySeconds: n % 30 }),
  StatefulSet: (n) => ({ minReadySeconds: n % 30 }),
  DaemonSet: (n) => ({ minReadySeconds: n % 30 }),
  ReplicaSet: (n) => ({ minReadySeconds: n % 30 }),
  Job: (n) => ({ ttlSecondsAfterFinished: 600 + n }),
};

/** What the test holds of one object it made: where it is, and the status it had at each resourceVersion. */
export interface ChurnedObject {
  kind: Kind;
  namespace: string;
  name: string;
  /** The store's key: `{group}#{kind}#{namespace}#{name}`. */
  key: string;
  live: boolean;
  /** Interpreted status at every resourceVersion the API server gave the object (deletion included). */
  statusAt: Map<string, Pick<ObjectStatus, "health" | "kstatus">>;
}

export type ChurnOp = "status" | "spec" | "create" | "delete";

/**
 * When every churned object was made: long enough ago that no status depends on the clock. kstatus
 * fails a pod the scheduler turned down only once it is 15 s old, a change no event announces: made
 * during a slow run, such a pod would be judged by the test at another age than the relay read it.
 */
const CREATED = "2025-06-02T08:30:00Z";

// Mostly status changes, as in a real cluster; enough creates and deletes to keep the population moving.
const WEIGHTS: readonly [ChurnOp, number][] = [
  ["status", 70],
  ["spec", 8],
  ["create", 12],
  ["delete", 10],
];

/** mulberry32: a seeded random, so a failing run can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Random writes to a test API server, as controllers make them: status updates taken from real
 * objects of the same kind, spec changes that bump the generation, creates and deletes. It keeps
 * what each object's status was at each resourceVersion, to judge what the store recorded.
 */
export class ClusterChurn {
  readonly objects = new Map<string, ChurnedObject>();
  /** Writes made so far. */
  changes = 0;
  readonly #fixtures = new Map<Kind, KubeObject[]>();
  #created = 0;

  constructor(
    private readonly server: KubeApiServer,
    private readonly random: () => number,
    private readonly namespaces: readonly string[] = ["shop", "billing", "batch"],
  ) {
    for (const kind of KINDS) this.#fixtures.set(kind, fixturesOf(kind));
  }

  live(): ChurnedObject[] {
    return [...this.objects.values()].filter((o) => o.live);
  }

  /** `count` random writes, all at once (no event loop turn in between). */
  run(count: number, ops: readonly ChurnOp[] = ["status", "spec", "create", "delete"]): void {
    for (let i = 0; i < count; i++) this.step(ops);
  }

  /** `count` writes in rounds of `round`, yielding `pauseMs` between rounds so the relay keeps up as it goes. */
  async runPaced(count: number, round = 50, pauseMs = 10): Promise<void> {
    for (let done = 0; done < count; done += round) {
      this.run(Math.min(round, count - done));
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  }

  step(ops: readonly ChurnOp[]): void {
    const allowed = WEIGHTS.filter(([op]) => ops.includes(op));
    const total = allowed.reduce((sum, [, w]) => sum + w, 0);
    const op = weighted(allowed, this.random() * total);
    const live = this.live();
    if (op === "create" || live.length < 10) this.create();
    else if (op === "delete") this.delete(this.pick(live));
    else if (op === "spec") this.changeSpec(this.pick(live));
    else this.changeStatus(this.pick(live));
  }

  create(): ChurnedObject {
    const kind = this.pick(KINDS);
    const source = structuredClone(this.pick(this.fixtures(kind)));
    const namespace = this.pick(this.namespaces);
    const name = `${kind.folder}-${++this.#created}`;
    const { labels, annotations, ownerReferences } = source.metadata ?? {};
    source.metadata = {
      name,
      namespace,
      creationTimestamp: CREATED,
      ...(labels ? { labels } : {}),
      ...(annotations ? { annotations } : {}),
    };
    if (ownerReferences) source.metadata.ownerReferences = ownerReferences;
    const object: ChurnedObject = {
      kind,
      namespace,
      name,
      key: `${groupOf(kind.apiVersion)}#${kind.kind}#${namespace}#${name}`,
      live: true,
      statusAt: new Map(),
    };
    this.objects.set(object.key, object);
    this.record(object, this.server.apply(source));
    return object;
  }

  changeStatus(object: ChurnedObject): void {
    const status = structuredClone(this.pick(this.fixtures(object.kind)).status ?? {});
    this.record(object, this.server.updateStatus(this.ref(object), status));
  }

  /**
   * A rollout of a workload: its generation moves and its status has not observed it yet. Pods and
   * claims get an annotation instead, a change the relay sees but that is no transition.
   */
  changeSpec(object: ChurnedObject): void {
    const revision = String(this.changes);
    const spec = SPEC_CHANGE[object.kind.kind]?.(this.changes);
    const patch = {
      metadata: { annotations: { "churn.example.com/revision": revision } },
      ...(spec ? { spec } : {}),
    };
    this.record(object, this.server.patch(this.ref(object), patch));
  }

  delete(object: ChurnedObject): void {
    const gone = this.server.delete(this.ref(object));
    object.live = false;
    this.changes++;
    const rv = gone.metadata?.resourceVersion;
    if (rv) object.statusAt.set(rv, { health: "Missing", kstatus: "NotFound" });
  }

  /** What the store should hold for every object made: its interpreted status, or Missing once deleted. */
  expected(): Map<string, Pick<ObjectStatus, "health" | "kstatus">> {
    const out = new Map<string, Pick<ObjectStatus, "health" | "kstatus">>();
    for (const object of this.objects.values()) {
      const current = object.live ? this.server.get(this.ref(object)) : undefined;
      const status = current
        ? interpret(current)
        : { health: "Missing" as const, kstatus: "NotFound" as const };
      out.set(object.key, { health: status.health, kstatus: status.kstatus });
    }
    return out;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.random() * items.length)];
    if (item === undefined) throw new Error("nothing to pick from");
    return item;
  }

  ref(object: ChurnedObject) {
    return {
      apiVersion: object.kind.apiVersion,
      kind: object.kind.kind,
      namespace: object.namespace,
      name: object.name,
    };
  }

  private fixtures(kind: Kind): KubeObject[] {
    return this.#fixtures.get(kind) ?? [];
  }

  private record(object: ChurnedObject, served: KubeObject): void {
    this.changes++;
    const rv = served.metadata?.resourceVersion;
    const { health, kstatus } = interpret(served);
    if (rv) object.statusAt.set(rv, { health, kstatus });
  }
}

/** The op whose share of the weights `at` falls in. */
function weighted(weights: readonly [ChurnOp, number][], at: number): ChurnOp {
  let left = at;
  for (const [op, weight] of weights) {
    if (left < weight) return op;
    left -= weight;
  }
  return "status";
}

/** The kind's fixtures as live objects: its own apiVersion, none on its way out. */
function fixturesOf(kind: Kind): KubeObject[] {
  const dir = join(FIXTURES_DIR, kind.folder);
  return readdirSync(dir)
    .filter((file) => file.endsWith(".yaml"))
    .map((file) => loadFixture(`${kind.folder}/${file}`))
    .filter((o) => o.apiVersion === kind.apiVersion && !o.metadata?.deletionTimestamp);
}
