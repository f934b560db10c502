import type { ObjectStatus } from "../../src/model/object-status.ts";
import type { Transition } from "../../src/store/records.ts";
import type { StatusStore } from "../../src/store/status-store.ts";
import type { ChurnedObject, ClusterChurn } from "./cluster-churn.ts";
import { allHistories } from "./relay-expectations.ts";

type Status = Pick<ObjectStatus, "health" | "kstatus">;

/** A stretch of resourceVersions over which an object kept one health/kstatus. */
interface Run {
  status: Status;
  resourceVersions: Set<string>;
  first: number;
}

export interface Completeness {
  /** One line per status the churn made that history neither holds nor accounts for by a gap. */
  problems: string[];
  /** Statuses (runs of one health/kstatus) checked. */
  checked: number;
}

/**
 * Whether history holds every distinct status (health/kstatus, repeats collapsed) each object had at
 * the resourceVersions the churn made, in order, unless a `cause: "gap"` record between the recorded
 * neighbours accounts for the missing ones. Only for faults on the ingest or table side: a relay whose
 * watch is cut lists again and rightly never sees what changed in between. Statuses superseded at or
 * before `after` (the server's resourceVersion once the relay watched) are not checked: a list finds
 * only the status then current.
 */
export async function historyCompleteness(
  store: StatusStore,
  cluster: string,
  churn: ClusterChurn,
  now: Date,
  after = 0,
): Promise<Completeness> {
  const problems: string[] = [];
  let checked = 0;
  const histories = await allHistories(store, cluster, [...churn.objects.keys()], now);
  for (const object of churn.objects.values()) {
    const all = runsOf(object);
    const runs = all.filter((_, i) => (all[i + 1]?.first ?? Number.POSITIVE_INFINITY) > after);
    if (runs.length === 0) continue;
    const history = [...(histories.get(object.key) ?? [])].reverse();
    checked += runs.length;
    let at = -1;
    let missing: Run[] = [];
    const unaccounted = (until: number) => {
      const gapped = history.slice(at + 1, until).some((t) => t.cause === "gap");
      if (!gapped)
        for (const run of missing)
          problems.push(
            `${object.key}: ${run.status.health}/${run.status.kstatus} from resourceVersion ${run.first} is not in history and no gap accounts for it`,
          );
      missing = [];
    };
    for (const run of runs) {
      const found = history.findIndex((t, i) => i > at && holds(t, run));
      if (found < 0) {
        missing.push(run);
        continue;
      }
      if (missing.length > 0) unaccounted(found);
      at = found;
    }
    // A gap record always precedes a recorded transition: statuses missing at the end are lost.
    if (missing.length > 0) {
      at = history.length;
      unaccounted(history.length);
    }
  }
  return { problems, checked };
}

function holds(t: Transition, run: Run): boolean {
  if (t.cause === "gap" || t.to.health !== run.status.health || t.to.kstatus !== run.status.kstatus)
    return false;
  // A snapshot tombstone has no resourceVersion: it stands for the delete.
  if (t.resourceVersion === undefined) return run.status.health === "Missing";
  return run.resourceVersions.has(t.resourceVersion);
}

function runsOf(object: ChurnedObject): Run[] {
  const ordered = [...object.statusAt.entries()].sort(([a], [b]) => Number(a) - Number(b));
  const runs: Run[] = [];
  for (const [rv, status] of ordered) {
    const last = runs.at(-1);
    if (last && last.status.health === status.health && last.status.kstatus === status.kstatus)
      last.resourceVersions.add(rv);
    else runs.push({ status, resourceVersions: new Set([rv]), first: Number(rv) });
  }
  return runs;
}
