import { arr, groupOf, isRecord, str, versionOf } from "../../interpret/kube-object.ts";
import type { KubeHttp } from "./kube-http.ts";
import { statusCodeOf } from "./kube-http.ts";

/** A kind as the API server serves it: where to list and watch it. */
export interface ApiResource {
  group: string;
  version: string;
  /** `group/version`, or `version` for the core group. */
  apiVersion: string;
  kind: string;
  plural: string;
  namespaced: boolean;
}

/**
 * Finds the resource serving a kind through discovery: at the asked version first, else at any version
 * the group serves (preferred first), since one object is one record whatever version it is read at and
 * interpreters are chosen by group. Undefined when nothing serves it, e.g. a CRD not installed.
 */
export async function discoverResource(
  http: KubeHttp,
  apiVersion: string,
  kind: string,
  signal?: AbortSignal,
): Promise<ApiResource | undefined> {
  const group = groupOf(apiVersion);
  const asked = versionOf(apiVersion);
  const found = await findInVersion(http, group, asked, kind, signal);
  if (found || !group) return found;
  for (const version of await servedVersions(http, group, signal)) {
    if (version === asked) continue;
    const other = await findInVersion(http, group, version, kind, signal);
    if (other) return other;
  }
  return undefined;
}

/** The path of a resource's collection, in one namespace or across all. */
export function collectionPath(resource: ApiResource, namespace?: string): string {
  const base = resource.group ? `/apis/${resource.group}/${resource.version}` : `/api/${resource.version}`;
  return resource.namespaced && namespace
    ? `${base}/namespaces/${encodeURIComponent(namespace)}/${resource.plural}`
    : `${base}/${resource.plural}`;
}

async function findInVersion(
  http: KubeHttp,
  group: string,
  version: string,
  kind: string,
  signal?: AbortSignal,
): Promise<ApiResource | undefined> {
  const path = group ? `/apis/${group}/${version}` : `/api/${version}`;
  const list = await getUnlessMissing(http, path, signal);
  for (const entry of arr(isRecord(list) ? list.resources : undefined)) {
    // Subresources (`deployments/status`) carry their parent's kind; only the resource itself is listable.
    if (!isRecord(entry) || entry.kind !== kind) continue;
    const plural = str(entry.name);
    if (!plural || plural.includes("/")) continue;
    const apiVersion = group ? `${group}/${version}` : version;
    return { group, version, apiVersion, kind, plural, namespaced: entry.namespaced === true };
  }
  return undefined;
}

async function servedVersions(http: KubeHttp, group: string, signal?: AbortSignal): Promise<string[]> {
  const doc = await getUnlessMissing(http, `/apis/${group}`, signal);
  if (!isRecord(doc)) return [];
  const preferred = isRecord(doc.preferredVersion) ? str(doc.preferredVersion.version) : undefined;
  const all = arr(doc.versions).flatMap((v) => {
    const version = isRecord(v) ? str(v.version) : undefined;
    return version ? [version] : [];
  });
  return [...new Set([...(preferred ? [preferred] : []), ...all])];
}

async function getUnlessMissing(http: KubeHttp, path: string, signal?: AbortSignal): Promise<unknown> {
  try {
    return await http.getJson(path, {}, signal);
  } catch (error) {
    if (statusCodeOf(error) === 404) return undefined;
    throw error;
  }
}
