import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";

// One table from domain error to HTTP: every error reply in every app is built here.
// Domain errors set `name`, so this file needs no import of the parts that throw them.
const STATUS_BY_ERROR_NAME: Record<string, ContentfulStatusCode> = {
  BadRequestError: 400,
  ConfigError: 400,
  InvalidClusterNameError: 400,
  InvalidCursorError: 400,
  InvalidTokenNameError: 400,
  WeakSecretError: 400,
  SignatureError: 401,
  UnauthorizedError: 401,
  ForbiddenError: 403,
  ClusterNotFoundError: 404,
  NotFoundError: 404,
  TokenNotFoundError: 404,
  ClusterExistsError: 409,
  // The relay restarts a snapshot whose earlier part the store never got, rather than retrying the last.
  SnapshotIncompleteError: 409,
  PayloadTooLargeError: 413,
  // Shed early (admission.ts): an answer in milliseconds, not a reply the relay's timeout cuts off.
  OverloadedError: 429,
  StoreUnavailableError: 503,
  ConcurrentWriteError: 503,
  // A rollout analysis must not pass on the last value of a cluster nobody hears from any more.
  ClusterStaleError: 503,
  MisconfiguredError: 500,
};

// Throttling and outages are the caller's cue to retry; a relay honours Retry-After.
const RETRY_AFTER_SECONDS: Partial<Record<ContentfulStatusCode, string>> = { 429: "1", 503: "2" };

export interface ErrorBody {
  error: string;
  message: string;
  issues?: string[];
}

export function handleError(err: unknown, c: Context): Response {
  if (err instanceof HTTPException) {
    return c.json<ErrorBody>(
      { error: codeOf(err.status), message: err.message },
      err.status as ContentfulStatusCode,
    );
  }
  const status = err instanceof Error ? STATUS_BY_ERROR_NAME[err.name] : undefined;
  if (status === undefined || !(err instanceof Error)) {
    // Nothing internal leaks: the log has the detail, the caller gets a bare 500.
    console.error(
      JSON.stringify({
        level: "error",
        msg: "unhandled error",
        error: String(err),
        stack: (err as Error)?.stack,
      }),
    );
    return c.json<ErrorBody>({ error: "internal", message: "internal error" }, 500);
  }
  const body: ErrorBody = { error: codeOf(status), message: err.message };
  const issues = (err as { issues?: unknown }).issues;
  if (Array.isArray(issues) && issues.length > 0) body.issues = issues.map(String);
  const retryAfter = RETRY_AFTER_SECONDS[status];
  if (retryAfter) c.header("Retry-After", retryAfter);
  if (status === 401) c.header("WWW-Authenticate", 'Bearer realm="status-recorder"');
  return c.json(body, status);
}

function codeOf(status: number): string {
  const codes: Record<number, string> = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    409: "conflict",
    413: "payload_too_large",
    429: "throttled",
    503: "unavailable",
  };
  return codes[status] ?? (status >= 500 ? "internal" : "error");
}
