import { ForbiddenError } from "../../errors.ts";

/** Who is reading, as the bearer-auth middleware established it. */
export interface ReadAccess {
  /** The token's name, for messages; absent when auth is off or a fixed dev token is used. */
  tokenName?: string;
  /** The clusters the caller may read; absent means every cluster. */
  clusters?: ReadonlySet<string>;
}

/** The Hono environment of the read app: every handler behind auth finds `readAccess` set. */
export interface ReadEnv {
  Variables: { readAccess: ReadAccess };
}

export function mayRead(access: ReadAccess, cluster: string): boolean {
  return access.clusters === undefined || access.clusters.has(cluster);
}

/** @throws ForbiddenError naming the cluster, when the caller's token does not cover it. */
export function assertMayRead(access: ReadAccess, cluster: string): void {
  if (mayRead(access, cluster)) return;
  const who = access.tokenName === undefined ? "this token" : `token "${access.tokenName}"`;
  throw new ForbiddenError(`${who} may not read cluster "${cluster}"`);
}
