import { encodeKeyPart } from "../../model/object-key.ts";
import type { Snapshot } from "../../model/wire.ts";
import { SnapshotIncompleteError } from "../errors.ts";
import { parseKindKey } from "../object-key.ts";
import type { StoredObject } from "../records.ts";
import { isTombstone } from "../transition.ts";
import { batchWrite } from "./batch-io.ts";
import { itemToObject, keyAttrs, N, num, S, str } from "./codec.ts";
import { mapLimit } from "./concurrency.ts";
import type { TableContext } from "./context.ts";
import { currentPk, OBJECT_PREFIX, snapshotPk, snapshotSk } from "./keys.ts";
import { tombstone } from "./snapshot-tombstone.ts";
import { queryAll } from "./table-query.ts";

/**
 * Object keys are joined with newlines and split into records well under DynamoDB's 400 KB. The
 * key encoding escapes control characters, so no key holds a newline and the list splits back exactly.
 */
const CHUNK_BYTES = 300_000;

/**
 * Remembers which objects this part named, so the last part can tell what no part named. A part is
 * one or more records `S#{cluster}#{snapshotId}` / `P#{part}#{chunk}`, written idempotently (a
 * retried part rewrites the same records) and expiring after `snapshotTtlSeconds`.
 */
export async function recordSnapshotPart(
  ctx: TableContext,
  cluster: string,
  snapshot: Snapshot,
  objectKeys: readonly string[],
  now: Date,
): Promise<void> {
  const chunks = chunkByBytes(objectKeys);
  const expiresAt = Math.floor(now.getTime() / 1000) + ctx.snapshotTtlSeconds;
  await batchWrite(
    ctx,
    chunks.map((keys, chunk) => ({
      PutRequest: {
        Item: {
          ...keyAttrs({ pk: snapshotPk(cluster, snapshot.id), sk: snapshotSk(snapshot.part, chunk) }),
          part: N(snapshot.part),
          chunk: N(chunk),
          chunks: N(chunks.length),
          keys: S(keys.join("\n")),
          expiresAt: N(expiresAt),
        },
      },
    })),
  );
}

/**
 * Records as Missing every object of the snapshot's kinds that no part named, that is not already a
 * tombstone, and that was last seen before the listing began (so a delta that raced the snapshot
 * survives). Returns how many were tombstoned.
 */
export async function tombstoneUnnamed(ctx: TableContext, cluster: string, snapshot: Snapshot, now: Date) {
  const named = await namedObjects(ctx, cluster, snapshot);
  const isCandidate = (object: StoredObject) =>
    !named.has(object.objectKey) &&
    !isTombstone(object.status) &&
    Date.parse(object.observedAt) < Date.parse(snapshot.listedAt);
  const kinds = [...new Set(snapshot.kinds.map((k) => JSON.stringify(parseKindKey(k))))];
  const perKind = await mapLimit(kinds, 4, async (json) => {
    const { group, kind } = JSON.parse(json) as { group: string; kind: string };
    const items = await queryAll(ctx, {
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
      ExpressionAttributeValues: {
        ":pk": S(currentPk(cluster)),
        ":prefix": S(`${OBJECT_PREFIX}${encodeKeyPart(group)}#${encodeKeyPart(kind)}#`),
      },
      ConsistentRead: true,
    });
    return items.map(itemToObject).filter((v) => isCandidate(v.object));
  });
  const done = await mapLimit(perKind.flat(), ctx.writeConcurrency, (v) =>
    tombstone(ctx, snapshot, v, isCandidate, now),
  );
  return done.filter(Boolean).length;
}

async function namedObjects(ctx: TableContext, cluster: string, snapshot: Snapshot): Promise<Set<string>> {
  const items = await queryAll(ctx, {
    KeyConditionExpression: "pk = :pk",
    ExpressionAttributeValues: { ":pk": S(snapshotPk(cluster, snapshot.id)) },
    ConsistentRead: true,
  });
  const named = new Set<string>();
  const chunksSeen = new Map<number, { expected: number; seen: number }>();
  for (const item of items) {
    const part = num(item, "part") ?? -1;
    const seen = chunksSeen.get(part) ?? { expected: num(item, "chunks") ?? 1, seen: 0 };
    seen.seen++;
    chunksSeen.set(part, seen);
    for (const key of (str(item, "keys") ?? "").split("\n")) if (key) named.add(key);
  }
  // snapshot.part is bounded by the wire schema (MAX_SNAPSHOT_PART), so this walk is too.
  const missing: number[] = [];
  let missingCount = 0;
  for (let part = 0; part <= snapshot.part; part++) {
    const seen = chunksSeen.get(part);
    if (seen && seen.seen >= seen.expected) continue;
    if (missingCount++ < SnapshotIncompleteError.LISTED_PARTS) missing.push(part);
  }
  if (missingCount > 0) throw new SnapshotIncompleteError(snapshot.id, missing, missingCount);
  return named;
}

function chunkByBytes(keys: readonly string[]): string[][] {
  const chunks: string[][] = [[]];
  let bytes = 0;
  for (const key of keys) {
    const size = Buffer.byteLength(key) + 1;
    if (bytes + size > CHUNK_BYTES && (chunks[chunks.length - 1]?.length ?? 0) > 0) {
      chunks.push([]);
      bytes = 0;
    }
    chunks[chunks.length - 1]?.push(key);
    bytes += size;
  }
  return chunks;
}
