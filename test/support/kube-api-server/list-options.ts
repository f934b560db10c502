// metav1.ListOptions from the query string, converted the way the real server converts it:
// booleans as strconv.ParseBool reads them, integers strictly, anything malformed a 400.

import { StatusError, statuses } from "./status.ts";

export interface ListOptions {
  labelSelector: string;
  fieldSelector: string;
  /** 0 means no limit. */
  limit: number;
  continue: string;
  /** "" when unset. */
  resourceVersion: string;
  resourceVersionMatch: string;
  watch: boolean;
  allowWatchBookmarks: boolean;
  /** Undefined when unset. */
  timeoutSeconds: number | undefined;
  sendInitialEvents: boolean | undefined;
}

const TRUE = new Set(["1", "t", "T", "TRUE", "true", "True"]);
const FALSE = new Set(["0", "f", "F", "FALSE", "false", "False"]);

function parseBool(name: string, value: string | null): boolean | undefined {
  if (value === null) return undefined;
  if (TRUE.has(value)) return true;
  if (FALSE.has(value)) return false;
  throw new StatusError(
    statuses.badRequest(`invalid value for ${name}: strconv.ParseBool: parsing "${value}": invalid syntax`),
  );
}

function parseInteger(name: string, value: string | null): number | undefined {
  if (value === null || value === "") return undefined;
  if (!/^-?\d+$/.test(value))
    throw new StatusError(
      statuses.badRequest(`invalid value for ${name}: strconv.ParseInt: parsing "${value}": invalid syntax`),
    );
  return Number(value);
}

export function parseListOptions(query: URLSearchParams): ListOptions {
  return {
    labelSelector: query.get("labelSelector") ?? "",
    fieldSelector: query.get("fieldSelector") ?? "",
    limit: Math.max(0, parseInteger("limit", query.get("limit")) ?? 0),
    continue: query.get("continue") ?? "",
    resourceVersion: query.get("resourceVersion") ?? "",
    resourceVersionMatch: query.get("resourceVersionMatch") ?? "",
    watch: parseBool("watch", query.get("watch")) ?? false,
    allowWatchBookmarks: parseBool("allowWatchBookmarks", query.get("allowWatchBookmarks")) ?? false,
    timeoutSeconds: parseInteger("timeoutSeconds", query.get("timeoutSeconds")),
    sendInitialEvents: parseBool("sendInitialEvents", query.get("sendInitialEvents")),
  };
}

/** A resourceVersion parameter as a revision; "" and "0" mean "any" and are not revisions. */
export function parseResourceVersion(value: string): number {
  if (!/^\d+$/.test(value))
    throw new StatusError(
      statuses.badRequest(
        `invalid resource version "${value}": strconv.ParseUint: parsing "${value}": invalid syntax`,
      ),
    );
  return Number(value);
}
