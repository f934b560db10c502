import type { WireEvent } from "../../model/wire.ts";
import { wireEventSchema } from "../../model/wire.ts";
import { passesWireSchema } from "./wire-check.ts";

/**
 * Why the ingest would refuse this event, or undefined when it would not. Checked before an event
 * joins a batch: one bad event would otherwise get its whole batch refused, and 499 good changes
 * with it. The hand-written check vouches for the events it can; zod has the last word on the rest.
 */
export function problemWith(event: WireEvent): string | undefined {
  if (passesWireSchema(event)) return undefined;
  const result = wireEventSchema.safeParse(event);
  if (result.success) return undefined;
  return result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
}
