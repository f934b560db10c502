import type { WireEvent } from "../../model/wire.ts";
import { wireEventSchema } from "../../model/wire.ts";

/**
 * Why the ingest would refuse this event, or undefined when it would not. Checked before an event
 * joins a batch: one bad event would otherwise get its whole batch refused, and 499 good changes
 * with it.
 */
export function problemWith(event: WireEvent): string | undefined {
  const result = wireEventSchema.safeParse(event);
  if (result.success) return undefined;
  return result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
}
