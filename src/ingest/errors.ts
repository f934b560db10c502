/**
 * The one message every refused relay request carries, whatever the cause, so a caller cannot tell an
 * unknown cluster from a wrong secret or a skewed clock (DESIGN.md "Wire protocol"). Operators find the
 * cause in the ingest's log.
 */
export const RELAY_REFUSED_MESSAGE =
  "request not signed by this cluster's relay: check the cluster name, its secret and the relay's clock";

/** The request is not from the cluster it claims: bad or missing signature, stale timestamp, unknown cluster. */
export class SignatureError extends Error {
  override name = "SignatureError";
  constructor(
    /** Why, for the log only: the reply never says. */
    readonly reason: string,
  ) {
    super(RELAY_REFUSED_MESSAGE);
  }
}
