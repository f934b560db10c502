import { randomBytes } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { parseSealingKey } from "../../store/secret-sealer.ts";

/**
 * The sealing key stored in `path`, created (32 random bytes, base64, mode 0600) when the file does
 * not exist yet. Kept beside the data so cluster secrets sealed in one run open in the next.
 */
export async function loadOrCreateSealingKey(
  path: string,
  random: (size: number) => Uint8Array = randomBytes,
): Promise<Uint8Array> {
  const existing = await readKey(path);
  if (existing) return existing;
  const key = random(32);
  try {
    // "wx": a second `dev` starting on the same folder at this moment must not overwrite the first's key.
    await writeFile(path, `${Buffer.from(key).toString("base64")}\n`, { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    const theirs = await readKey(path);
    if (theirs) return theirs;
  }
  return key;
}

async function readKey(path: string): Promise<Uint8Array | undefined> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  try {
    return parseSealingKey(text);
  } catch (error) {
    throw new Error(`${path}: ${(error as Error).message}`, { cause: error });
  }
}
