import { readFileSync } from "node:fs";
import type { KubeObject } from "../../src/interpret/kube-object.ts";
import { identityKeyOf } from "../../src/model/object-key.ts";
import type { ObjectStatus } from "../../src/model/object-status.ts";
import { createStatusReader } from "../../src/relay/watch/status-reader.ts";
import { isTransition, tombstoneStatus } from "../../src/store/transition.ts";

/**
 * What history must hold after a replay of `file`: per object key, the statuses the stream passes
 * through, in order, with repeats of an unchanged status (by the transition rule) left out.
 */
export function expectedHistories(file: string): Map<string, ObjectStatus[]> {
  const read = createStatusReader({ rules: [], metrics: [] });
  const out = new Map<string, ObjectStatus[]>();
  for (const line of readFileSync(file, "utf8").split("\n").filter(Boolean)) {
    const parsed = JSON.parse(line) as { type?: string; object?: KubeObject } & KubeObject;
    const object = parsed.object ?? parsed;
    const type = parsed.object ? parsed.type : "ADDED";
    const key = identityKeyOf({
      apiVersion: object.apiVersion ?? "",
      kind: object.kind ?? "",
      namespace: object.metadata?.namespace ?? "",
      name: object.metadata?.name ?? "",
    });
    const status = type === "DELETED" ? tombstoneStatus("") : read(object);
    const seen = out.get(key) ?? [];
    const last = seen[seen.length - 1];
    if (isTransition(last, status)) seen.push(status);
    out.set(key, seen);
  }
  return out;
}
