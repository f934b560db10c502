// The `Status` objects a real API server answers errors with (k8s.io/apimachinery/pkg/api/errors),
// with the same reasons, codes and message wording, so client code that reads them is tested for real.

export interface StatusDetails {
  name?: string;
  group?: string;
  /** The resource (plural), as the real server puts it here, not the Kind. */
  kind?: string;
  uid?: string;
  retryAfterSeconds?: number;
  causes?: { reason?: string; message: string; field?: string }[];
}

export interface Status {
  kind: "Status";
  apiVersion: "v1";
  metadata: { continue?: string };
  status: "Failure" | "Success";
  message: string;
  reason: string;
  details?: StatusDetails;
  code: number;
}

/** A Status travelling up to the one place that writes it as a response. */
export class StatusError extends Error {
  override name = "StatusError";
  constructor(readonly status: Status) {
    super(status.message);
  }
}

/** A resource as errors name it: `pods`, `deployments.apps`, `leases.coordination.k8s.io`. */
export interface QualifiedResource {
  group: string;
  plural: string;
}

function qualified(r: QualifiedResource): string {
  return r.group ? `${r.plural}.${r.group}` : r.plural;
}

function detailsOf(r: QualifiedResource, name?: string): StatusDetails {
  return { ...(name === undefined ? {} : { name }), ...(r.group ? { group: r.group } : {}), kind: r.plural };
}

export function failure(code: number, reason: string, message: string, details?: StatusDetails): Status {
  return {
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: "Failure",
    message,
    reason,
    ...(details ? { details } : {}),
    code,
  };
}

export const statuses = {
  /** A path that names no registered group, version or resource. */
  pathNotFound: () => failure(404, "NotFound", "the server could not find the requested resource", {}),
  notFound: (r: QualifiedResource, name: string) =>
    failure(404, "NotFound", `${qualified(r)} "${name}" not found`, detailsOf(r, name)),
  alreadyExists: (r: QualifiedResource, name: string) =>
    failure(409, "AlreadyExists", `${qualified(r)} "${name}" already exists`, detailsOf(r, name)),
  conflict: (r: QualifiedResource, name: string) =>
    failure(
      409,
      "Conflict",
      `Operation cannot be fulfilled on ${qualified(r)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
      detailsOf(r, name),
    ),
  invalid: (r: QualifiedResource, name: string, field: string, value: string, problem: string) =>
    failure(
      422,
      "Invalid",
      `${qualified(r)} "${name}" is invalid: ${field}: Invalid value: "${value}": ${problem}`,
      {
        ...detailsOf(r, name),
        causes: [{ reason: "FieldValueInvalid", message: `Invalid value: "${value}": ${problem}`, field }],
      },
    ),
  forbidden: (r: QualifiedResource, user: string, verb: string, namespace: string | undefined) =>
    failure(
      403,
      "Forbidden",
      `${qualified(r)} is forbidden: User "${user}" cannot ${verb} resource "${r.plural}" in API group "${r.group}" ${
        namespace ? `in the namespace "${namespace}"` : "at the cluster scope"
      }`,
      detailsOf(r),
    ),
  unauthorized: () => failure(401, "Unauthorized", "Unauthorized"),
  badRequest: (message: string) => failure(400, "BadRequest", message),
  methodNotAllowed: () =>
    failure(405, "MethodNotAllowed", "the server does not allow this method on the requested resource", {}),
  unsupportedMediaType: (contentType: string) =>
    failure(
      415,
      "UnsupportedMediaType",
      `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json; got ${contentType}`,
    ),
  /** Watch from a resourceVersion the watch cache no longer holds (watch_cache.go). */
  tooOldResourceVersion: (requested: number, oldest: number) =>
    failure(410, "Expired", `too old resource version: ${requested} (${oldest})`),
  /** A continue token whose resourceVersion etcd has compacted away (etcd3/store.go). */
  continueExpired: () =>
    failure(
      410,
      "Expired",
      "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.",
    ),
  /** A list at a resourceVersion etcd has compacted away. */
  listExpired: () => failure(410, "Expired", "The resourceVersion for the provided list is too old."),
  /** A resourceVersion newer than the server has seen; the real server gives up after 3 s. */
  tooLargeResourceVersion: (requested: number, current: number) =>
    failure(504, "Timeout", `Too large resource version: ${requested}, current: ${current}`, {
      causes: [{ reason: "ResourceVersionTooLarge", message: "Too large resource version" }],
      retryAfterSeconds: 1,
    }),
  internalError: (message = 'an error on the server ("") has prevented the request from succeeding') =>
    failure(500, "InternalError", message, {}),
  tooManyRequests: (retryAfterSeconds = 1) =>
    failure(
      429,
      "TooManyRequests",
      "the server has received too many requests and has asked us to try again later",
      {
        retryAfterSeconds,
      },
    ),
  serviceUnavailable: () =>
    failure(503, "ServiceUnavailable", "the server is currently unable to handle the request", {}),
} as const;

/** The Status a fault injection answers with for a bare HTTP code. */
export function statusForCode(code: number): Status {
  switch (code) {
    case 429:
      return statuses.tooManyRequests();
    case 500:
      return statuses.internalError();
    case 503:
      return statuses.serviceUnavailable();
    case 504:
      return failure(
        504,
        "Timeout",
        "the server was unable to return a response in the time allotted, but may still be processing the request",
        {},
      );
    default:
      return failure(code, "Unknown", `injected failure ${code}`, {});
  }
}
