import { UpdateItemCommand, type UpdateItemCommandInput } from "@aws-sdk/client-dynamodb";
import type { WatchReport } from "../../model/wire.ts";
import type { ClusterRecord } from "../records.ts";
import type { RelayVisit } from "../status-store.ts";
import { keyAttrs, S } from "./codec.ts";
import type { TableContext } from "./context.ts";
import { clusterKey } from "./keys.ts";
import { guard, isConditionFailed } from "./sdk-errors.ts";

/** A relay posts every few seconds when busy; recording each visit would cost a write per batch. */
const TOUCH_INTERVAL_MS = 15_000;
/** Visits are paced by the relay's own interval, but no faster than every second whatever it says. */
const MIN_HEARTBEAT_SECONDS = 2;
const KEPT_FAILING = 20;
const KEPT_ERROR = 200;

/**
 * Records a relay's visit on its cluster record (see `ClusterRegistry.touchCluster`): one
 * UpdateItem, skipped when the record already says the same thing as of a moment ago.
 */
export async function touchCluster(
  ctx: TableContext,
  cluster: ClusterRecord,
  visit: RelayVisit,
): Promise<boolean> {
  const current = visit.current ?? true;
  if (!visit.changed && !newsIn(cluster, visit, current)) return false;
  const t = S(visit.at.toISOString());
  const set = ["lastContact = :t", "relayVersion = :v"];
  if (current) set.push("lastSeen = :t");
  if (visit.changed) set.push("lastChangedAt = :t");
  const values: Record<string, ReturnType<typeof S>> = { ":t": t, ":v": S(visit.relayVersion) };
  let remove = "";
  if (visit.watch) {
    set.push("watchReport = :w");
    values[":w"] = S(JSON.stringify(gistOf(visit.watch)));
  } else remove = " REMOVE watchReport";
  try {
    await update(ctx, cluster.name, {
      UpdateExpression: `SET ${set.join(", ")}${remove}`,
      // Concurrent requests (two function instances, a retried batch still in flight): a visit
      // never moves lastContact or lastSeen back, and a removed cluster is not recreated.
      ConditionExpression:
        "attribute_exists(pk) AND (attribute_not_exists(lastContact) OR lastContact < :t) AND (attribute_not_exists(lastSeen) OR lastSeen < :t)",
      ExpressionAttributeValues: values,
    });
    return true;
  } catch (error) {
    if (!isConditionFailed(error)) throw error;
    if (!visit.changed) return false;
  }
  try {
    // A later visit was recorded first, yet readers must still learn that this batch wrote records.
    // They compare lastChangedAt for equality, so a value older than the one it replaces still works.
    await update(ctx, cluster.name, {
      UpdateExpression: "SET lastChangedAt = :t",
      ConditionExpression: "attribute_exists(pk)",
      ExpressionAttributeValues: { ":t": t },
    });
    return true;
  } catch (error) {
    if (isConditionFailed(error)) return false;
    throw error;
  }
}

/**
 * Whether the visit tells readers something the record does not: a relay version, a change of
 * current-ness or of which kinds fail, or time enough since the last recorded visit. A heartbeat
 * comes once per interval, so skipping within half of it (at most 15 s) records every beat of an
 * idle relay and at most a few visits a minute of a busy one.
 */
function newsIn(cluster: ClusterRecord, visit: RelayVisit, current: boolean): boolean {
  const lastContact = cluster.lastContact ?? cluster.lastSeen;
  if (lastContact === undefined || cluster.relayVersion !== visit.relayVersion) return true;
  const wasCurrent = cluster.lastSeen !== undefined && cluster.lastSeen === lastContact;
  if (
    wasCurrent !== current ||
    failingKinds(cluster.watch) !== failingKinds(visit.watch && gistOf(visit.watch))
  )
    return true;
  const beat = Math.max(MIN_HEARTBEAT_SECONDS, visit.heartbeatSeconds ?? 60);
  const window = Math.min(TOUCH_INTERVAL_MS, (beat * 1000) / 2);
  return visit.at.getTime() - Date.parse(lastContact) >= window;
}

/**
 * What the cluster record keeps of a report: every batch's credential read loads the record, so it
 * holds the first kinds that fail with their errors cut short, and how many fail in all.
 */
function gistOf(report: WatchReport): WatchReport {
  const { failing } = report;
  if (failing.length <= KEPT_FAILING && failing.every((f) => f.error.length <= KEPT_ERROR)) return report;
  return {
    ...report,
    failing: failing.slice(0, KEPT_FAILING).map((f) => ({ ...f, error: f.error.slice(0, KEPT_ERROR) })),
    failingTotal: report.failingTotal ?? failing.length,
  };
}

/** Which kinds fail and how: error texts may vary from retry to retry, and wait for the next visit. */
function failingKinds(report: WatchReport | undefined): string {
  const listed = (report?.failing ?? []).map((f) => `${f.kind}=${f.state}`).join(",");
  return `${listed}/${report?.failingTotal ?? ""}`;
}

async function update(
  ctx: TableContext,
  name: string,
  input: Pick<
    UpdateItemCommandInput,
    "UpdateExpression" | "ConditionExpression" | "ExpressionAttributeValues"
  >,
): Promise<void> {
  await guard("UpdateItem", () =>
    ctx.client.send(
      new UpdateItemCommand({ TableName: ctx.tableName, Key: keyAttrs(clusterKey(name)), ...input }),
    ),
  );
}
