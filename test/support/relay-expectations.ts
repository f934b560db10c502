import type { ObjectStatus } from "../../src/model/object-status.ts";
import type { StoredObject, Transition } from "../../src/store/records.ts";
import type { StatusStore } from "../../src/store/status-store.ts";
import type { ClusterChurn } from "./cluster-churn.ts";

type Expected = Map<string, Pick<ObjectStatus, "health" | "kstatus">>;

/** Every object the store holds for a cluster, by object key. */
export async function storedObjects(store: StatusStore, cluster: string): Promise<Map<string, StoredObject>> {
  const out = new Map<string, StoredObject>();
  let cursor: string | undefined;
  do {
    const page = await store.listObjects(cluster, { limit: 500, ...(cursor ? { cursor } : {}) });
    for (const item of page.items) out.set(item.objectKey, item);
    cursor = page.cursor;
  } while (cursor);
  return out;
}

/** Where the stored state differs from the expected one, one line per object; empty when they agree. */
export async function stateMismatches(
  store: StatusStore,
  cluster: string,
  expected: Expected,
): Promise<string[]> {
  const stored = await storedObjects(store, cluster);
  const problems: string[] = [];
  for (const [key, want] of expected) {
    const got = stored.get(key)?.status;
    // Made and deleted while no relay watched: nobody could have recorded it, and nothing needs to be.
    if (!got && want.health === "Missing") continue;
    if (got?.health !== want.health || got.kstatus !== want.kstatus)
      problems.push(
        `${key}: expected ${want.health}/${want.kstatus}, stored ${got ? `${got.health}/${got.kstatus}` : "nothing"}`,
      );
  }
  for (const key of stored.keys()) if (!expected.has(key)) problems.push(`${key}: stored, but never made`);
  return problems;
}

/** What a transition is about: the fields whose change makes one (DESIGN.md "Status model"). */
export function transitionFields(status: ObjectStatus | undefined): string {
  if (!status) return "none";
  const { health, kstatus, phase, components, values } = status;
  return JSON.stringify({ health, kstatus, phase, components, values });
}

/**
 * What is wrong with each object's history: a transition recorded twice (same resourceVersion), one
 * that changes nothing, one whose `from` is not the previous `to`, one to a status the object never
 * had at that resourceVersion, or a last one that is not the stored status. Empty when all is well.
 */
export async function historyProblems(
  store: StatusStore,
  cluster: string,
  churn: ClusterChurn,
  now: Date,
): Promise<string[]> {
  const stored = await storedObjects(store, cluster);
  const problems: string[] = [];
  const histories = await allHistories(store, cluster, [...churn.objects.keys()], now);
  for (const object of churn.objects.values()) {
    if (!object.live && !stored.has(object.key)) continue; // never seen by a relay: see stateMismatches
    const history = [...(histories.get(object.key) ?? [])].reverse();
    const say = (what: string) => problems.push(`${object.key}: ${what}`);
    const versions = new Set<string>();
    history.forEach((entry, i) => {
      const previous = history[i - 1];
      if (entry.resourceVersion !== undefined) {
        if (versions.has(entry.resourceVersion))
          say(`resourceVersion ${entry.resourceVersion} recorded twice`);
        versions.add(entry.resourceVersion);
        const had = object.statusAt.get(entry.resourceVersion);
        if (!had) say(`transition at resourceVersion ${entry.resourceVersion}, which the object never had`);
        else if (had.health !== entry.to.health || had.kstatus !== entry.to.kstatus)
          say(
            `at ${entry.resourceVersion} it was ${had.health}/${had.kstatus}, recorded ${entry.to.health}/${entry.to.kstatus}`,
          );
      } else if (entry.cause !== "snapshot" || entry.to.health !== "Missing") {
        say(`a transition without resourceVersion that is no tombstone: ${JSON.stringify(entry)}`);
      }
      if (transitionFields(entry.from) === transitionFields(entry.to))
        say(`a transition that changes nothing at ${entry.time}`);
      if (transitionFields(entry.from) !== transitionFields(previous?.to))
        say(
          `from ${transitionFields(entry.from)} but the previous transition went to ${transitionFields(previous?.to)}`,
        );
    });
    const last = history.at(-1);
    const current = stored.get(object.key);
    if (!last || !current) say("no history or no stored record");
    else if (transitionFields(last.to) !== transitionFields(current.status))
      say(
        `the last transition (at ${last.resourceVersion ?? last.cause}) is not the stored status: ` +
          `history ${transitionFields(last.to)}, stored ${transitionFields(current.status)} ` +
          `(${current.transitions} transitions stored, ${history.length} in history)`,
      );
  }
  return problems;
}

/** The whole history of each of `keys`, newest first, read a few objects at a time. */
export async function allHistories(
  store: StatusStore,
  cluster: string,
  keys: readonly string[],
  now: Date,
): Promise<Map<string, Transition[]>> {
  const out = new Map<string, Transition[]>();
  const queue = [...keys];
  const reader = async () => {
    for (let key = queue.shift(); key !== undefined; key = queue.shift())
      out.set(key, await fullHistory(store, cluster, key, now));
  };
  await Promise.all(Array.from({ length: 8 }, reader));
  return out;
}

/** One object's whole history, newest first, every page. */
export async function fullHistory(
  store: StatusStore,
  cluster: string,
  key: string,
  now: Date,
): Promise<Transition[]> {
  const out: Transition[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.listHistory(cluster, key, { limit: 100, ...(cursor ? { cursor } : {}) }, now);
    out.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return out;
}
