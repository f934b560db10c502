import { expect, test } from "vitest";
import type { ObjectStatus } from "../../model/object-status.ts";
import { wireEventSchema } from "../../model/wire.ts";
import { fitToWire, upsertEvent } from "./wire-event-of.ts";

const ctx = { labelKeys: [], now: () => new Date("2025-06-05T12:00:00Z") };

test("cuts a message, phase or component longer than the wire allows, so the batch is not refused", () => {
  const status: ObjectStatus = {
    health: "Degraded",
    kstatus: "Failed",
    message: "x".repeat(5000),
    phase: "p".repeat(300),
    components: { log: "y".repeat(2000) },
  };
  const event = upsertEvent(
    { apiVersion: "v1", kind: "Pod", metadata: { name: "web", namespace: "default", resourceVersion: "7" } },
    status,
    ctx,
  );

  expect(wireEventSchema.safeParse(event).success).toBe(true);
  expect(event.status.message).toHaveLength(4096);
});

test("leaves a status within the limits as it is", () => {
  const status: ObjectStatus = { health: "Healthy", kstatus: "Current", message: "ok" };
  expect(fitToWire(status)).toBe(status);
});

test("an object without a resourceVersion still makes a valid event", () => {
  const event = upsertEvent(
    { apiVersion: "v1", kind: "Namespace", metadata: { name: "shop" } },
    { health: "Healthy", kstatus: "Current", message: "" },
    ctx,
  );
  expect(wireEventSchema.safeParse(event).success).toBe(true);
  expect(event.object.namespace).toBe("");
});
