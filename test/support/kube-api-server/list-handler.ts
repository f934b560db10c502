// LIST as the real server answers it: a consistent read at one revision, key order, selectors,
// chunking with continue tokens pinned to the first page's revision, 410 once that revision is compacted.

import type { KubeObject } from "../../../src/interpret/kube-object.ts";
import { decodeContinue, encodeContinue, InvalidContinueError } from "./continue-token.ts";
import { parseFieldSelector } from "./field-selector.ts";
import { parseLabelSelector, SelectorParseError } from "./label-selector.ts";
import { type ListOptions, parseResourceVersion } from "./list-options.ts";
import type { ObjectStore } from "./object-store.ts";
import { apiVersionOf, type ResourceType, resourceId } from "./resource-type.ts";
import type { ResourcePath } from "./route.ts";
import { listItem } from "./served-object.ts";
import { StatusError, statuses } from "./status.ts";

export interface ListBody {
  kind: string;
  apiVersion: string;
  metadata: { resourceVersion: string; continue?: string; remainingItemCount?: number };
  items: KubeObject[];
}

export type ObjectFilter = (key: string, obj: KubeObject) => boolean;

/** Namespace, label and field filters of a list or watch; selector syntax errors become 400s. */
export function objectFilter(
  rt: ResourceType,
  namespace: string | undefined,
  opts: ListOptions,
): ObjectFilter {
  try {
    const labels = parseLabelSelector(opts.labelSelector);
    const fields = parseFieldSelector(opts.fieldSelector, rt.fieldLabels);
    return (_key, obj) =>
      (namespace === undefined || obj.metadata?.namespace === namespace) &&
      labels(obj.metadata?.labels ?? {}) &&
      fields(obj);
  } catch (err) {
    if (err instanceof SelectorParseError) throw new StatusError(statuses.badRequest(err.message));
    throw err;
  }
}

/** The revision a list without a continue token reads at. */
function readRevision(store: ObjectStore, opts: ListOptions): number {
  if (opts.resourceVersion === "" || opts.resourceVersion === "0") return store.resourceVersion;
  const requested = parseResourceVersion(opts.resourceVersion);
  // Legacy rule: an RV with a limit and no resourceVersionMatch is an exact read.
  const exact = opts.resourceVersionMatch === "Exact" || (opts.resourceVersionMatch === "" && opts.limit > 0);
  if (requested > store.resourceVersion)
    throw new StatusError(statuses.tooLargeResourceVersion(requested, store.resourceVersion));
  if (!exact) return store.resourceVersion;
  if (store.history.isExpired(requested)) throw new StatusError(statuses.listExpired());
  return requested;
}

function startOf(store: ObjectStore, opts: ListOptions): { revision: number; start: string } {
  if (!opts.continue) return { revision: readRevision(store, opts), start: "" };
  if (opts.resourceVersion !== "" && opts.resourceVersion !== "0")
    throw new StatusError(
      statuses.badRequest("specifying resource version is not allowed when using continue"),
    );
  try {
    const token = decodeContinue(opts.continue);
    return { revision: token.resourceVersion, start: token.start };
  } catch (err) {
    if (err instanceof InvalidContinueError) throw new StatusError(statuses.badRequest(err.message));
    throw err;
  }
}

export function listBody(store: ObjectStore, path: ResourcePath, opts: ListOptions): ListBody {
  const { rt, version } = path;
  const matches = objectFilter(rt, path.namespace, opts);
  const { revision, start } = startOf(store, opts);
  const read = (at: number) =>
    store.entriesAt(resourceId(rt), at).filter(([key, obj]) => key >= start && matches(key, obj));
  if (store.history.isExpired(revision)) {
    const expired = statuses.continueExpired();
    const remaining = read(store.resourceVersion);
    if (remaining.length > 0)
      expired.metadata.continue = encodeContinue({ resourceVersion: store.resourceVersion, start });
    throw new StatusError(expired);
  }
  const matched = read(revision);
  const page = opts.limit > 0 ? matched.slice(0, opts.limit) : matched;
  const last = page.at(-1);
  const more = page.length < matched.length && last !== undefined;
  const unfiltered = opts.labelSelector === "" && opts.fieldSelector === "";
  return {
    kind: `${rt.kind}List`,
    apiVersion: apiVersionOf(rt.group, version),
    metadata: {
      resourceVersion: String(revision),
      ...(more ? { continue: encodeContinue({ resourceVersion: revision, start: `${last[0]}\u0000` }) } : {}),
      ...(more && unfiltered ? { remainingItemCount: matched.length - page.length } : {}),
    },
    items: page.map(([, obj]) => listItem(rt, version, obj)),
  };
}
