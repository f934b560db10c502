// Errors any edge may raise; each maps to one HTTP status in src/http/error-handler.ts by its `name`.

/** The request cannot be used: bad encoding, not JSON, or not the expected shape. */
export class BadRequestError extends Error {
  override name = "BadRequestError";
  constructor(
    message: string,
    /** Where the input is wrong, as `path: problem` lines, so a caller can fix everything at once. */
    readonly issues: string[] = [],
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** The body is larger than allowed once decompressed. */
export class PayloadTooLargeError extends Error {
  override name = "PayloadTooLargeError";
}

/** No credentials, or credentials that are not valid. */
export class UnauthorizedError extends Error {
  override name = "UnauthorizedError";
}

/** Valid credentials that do not allow this request. */
export class ForbiddenError extends Error {
  override name = "ForbiddenError";
}

export class NotFoundError extends Error {
  override name = "NotFoundError";
}

/**
 * The server's own stored configuration cannot be used (a fleet config that no longer validates):
 * not the caller's fault, but named, so whoever reads the reply knows what to fix.
 */
export class MisconfiguredError extends Error {
  override name = "MisconfiguredError";
}

/** More requests than the process can serve in time: the caller retries after `Retry-After`. */
export class OverloadedError extends Error {
  override name = "OverloadedError";
}
