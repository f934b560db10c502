// Continue tokens in the real format (k8s.io/apiserver/pkg/storage/continue.go): base64url of
// {"v":"meta.k8s.io/v1","rv":<revision of the first page>,"start":"<next key>"}, so every page of a
// chunked list is read at the revision of the first one.

export interface ContinueToken {
  resourceVersion: number;
  /** The first key of the next page: the last key served plus "\u0000". */
  start: string;
}

export class InvalidContinueError extends Error {
  override name = "InvalidContinueError";
}

export function encodeContinue(token: ContinueToken): string {
  const json = JSON.stringify({ v: "meta.k8s.io/v1", rv: token.resourceVersion, start: token.start });
  return Buffer.from(json).toString("base64url");
}

export function decodeContinue(value: string): ContinueToken {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
  } catch {
    throw new InvalidContinueError("continue key is not valid: invalid encoding");
  }
  const { v, rv, start } = (parsed ?? {}) as { v?: unknown; rv?: unknown; start?: unknown };
  if (v !== "meta.k8s.io/v1")
    throw new InvalidContinueError(
      `continue key is not valid: server does not recognize this encoded version "${String(v)}"`,
    );
  if (typeof rv !== "number" || rv === 0)
    throw new InvalidContinueError(
      "continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)",
    );
  if (typeof start !== "string" || start === "")
    throw new InvalidContinueError(
      "continue key is not valid: encoded start key empty (version meta.k8s.io/v1)",
    );
  return { resourceVersion: rv, start };
}
