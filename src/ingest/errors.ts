/** The request is not from the cluster it claims: bad or missing signature, stale timestamp, unknown cluster. */
export class SignatureError extends Error {
  override name = "SignatureError";
}
