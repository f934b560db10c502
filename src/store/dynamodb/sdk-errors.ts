import { StoreUnavailableError } from "../errors.ts";

// SDK faults the caller can only wait out. The SDK has already retried these with backoff by the
// time they reach us, so they leave the adapter as StoreUnavailableError (HTTP 503).
const TRANSIENT = new Set([
  "ProvisionedThroughputExceededException",
  "ThrottlingException",
  "RequestLimitExceeded",
  "InternalServerError",
  "ServiceUnavailable",
  "TimeoutError",
  "RequestTimeout",
  "RequestTimeoutException",
]);
const NETWORK = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

interface SdkError {
  name?: string;
  code?: string;
  $retryable?: unknown;
  $metadata?: { httpStatusCode?: number };
}

export function isConditionFailed(error: unknown): boolean {
  return (error as SdkError | undefined)?.name === "ConditionalCheckFailedException";
}

function isTransient(error: SdkError): boolean {
  if (TRANSIENT.has(error.name ?? "") || NETWORK.has(error.code ?? "")) return true;
  if (error.$retryable) return true;
  const status = error.$metadata?.httpStatusCode;
  return status !== undefined && status >= 500;
}

/** Runs one table call; throttling and network faults become StoreUnavailableError. */
export async function guard<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error !== null && typeof error === "object" && isTransient(error as SdkError)) {
      throw new StoreUnavailableError(`the status table is unavailable (${what})`, { cause: error });
    }
    throw error;
  }
}

/**
 * DynamoDB's reason when it refuses an item for what it holds (over 400 KB, a key too long, a
 * value it cannot store): the same item is refused however often it is sent, so the caller gives
 * up on that one item instead of failing everything sent with it. Undefined for any other error.
 */
export function refusalOf(error: unknown): string | undefined {
  const e = error as (SdkError & { message?: string }) | undefined;
  return e?.name === "ValidationException" ? (e.message ?? "ValidationException") : undefined;
}
