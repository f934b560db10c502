import { createHash, randomBytes } from "node:crypto";

// Read tokens are bearer secrets: the table keeps only their SHA-256, so a copy of the table (a
// backup, a read-only IAM role) lets nobody read the API. 32 random bytes make the hash safe without
// a salt or a slow KDF: there is nothing to guess.

/** `srr_` marks the string as a status-recorder read token for secret scanners and for humans. */
export const READ_TOKEN_PREFIX = "srr_";
const TOKEN_BYTES = 32;
/** A token's public id: `rt_` and the first 12 hex digits of its hash; no name can look like one. */
const ID_PREFIX = "rt_";
const ID_HEX = 12;

/** A new read token: shown to the operator once, never stored. */
export function generateReadToken(random: (size: number) => Uint8Array = randomBytes): string {
  return `${READ_TOKEN_PREFIX}${Buffer.from(random(TOKEN_BYTES)).toString("base64url")}`;
}

/** The hex SHA-256 the table stores and looks tokens up by. */
export function hashReadToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function readTokenIdOf(hash: string): string {
  return `${ID_PREFIX}${hash.slice(0, ID_HEX)}`;
}

/** The hash prefix an id stands for, or undefined when the text is not an id (so it is a name). */
export function hashPrefixOfId(text: string): string | undefined {
  const match = new RegExp(`^${ID_PREFIX}([0-9a-f]{${ID_HEX}})$`).exec(text);
  return match?.[1];
}
