// URL paths as the real server routes them: /api/{v}/… for the core group, /apis/{g}/{v}/… otherwise,
// an optional `namespaces/{ns}/` for namespaced resources, and the deprecated `watch/` prefix.

import type { ResourceRegistry } from "./resource-registry.ts";
import type { ResourceType } from "./resource-type.ts";

export interface ResourcePath {
  type: "resource";
  rt: ResourceType;
  version: string;
  namespace: string | undefined;
  name: string | undefined;
  subresource: string | undefined;
  /** `/api/v1/watch/…`: a watch whatever the query says. */
  legacyWatch: boolean;
}

export type ApiPath =
  | { type: "coreVersions" }
  | { type: "groupList" }
  | { type: "group"; group: string }
  | { type: "groupVersion"; group: string; version: string }
  | ResourcePath;

function resourcePath(
  registry: ResourceRegistry,
  group: string,
  version: string,
  rest: string[],
): ResourcePath | undefined {
  const legacyWatch = rest[0] === "watch";
  const parts = legacyWatch ? rest.slice(1) : rest;
  const namespacedRt =
    parts[0] === "namespaces" && parts.length >= 3
      ? registry.find(group, version, parts[2] ?? "")
      : undefined;
  const scoped = namespacedRt?.namespaced === true;
  const [plural, name, subresource, ...extra] = scoped ? parts.slice(2) : parts;
  if (!plural || extra.length > 0) return undefined;
  const rt = scoped ? namespacedRt : registry.find(group, version, plural);
  if (!rt) return undefined;
  if (subresource !== undefined && !rt.subresources.includes(subresource)) return undefined;
  return {
    type: "resource",
    rt,
    version,
    namespace: scoped ? parts[1] : undefined,
    name,
    subresource,
    legacyWatch,
  };
}

/** The API path a URL path names, or undefined when the real server would answer 404. */
export function parseApiPath(pathname: string, registry: ResourceRegistry): ApiPath | undefined {
  const segments = pathname
    .split("/")
    .filter((s) => s !== "")
    .map((s) => decodeURIComponent(s));
  const [root, ...rest] = segments;
  if (root === "api") {
    const [version, ...tail] = rest;
    if (!version) return { type: "coreVersions" };
    if (!registry.coreVersions().includes(version)) return undefined;
    return tail.length === 0
      ? { type: "groupVersion", group: "", version }
      : resourcePath(registry, "", version, tail);
  }
  if (root === "apis") {
    const [group, version, ...tail] = rest;
    if (!group) return { type: "groupList" };
    if (!version) return { type: "group", group };
    return tail.length === 0
      ? { type: "groupVersion", group, version }
      : resourcePath(registry, group, version, tail);
  }
  return undefined;
}
