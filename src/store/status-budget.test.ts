import { describe, expect, it } from "vitest";
import type { ObjectStatus } from "../model/object-status.ts";
import { fitStatus, STATUS_BUDGET_BYTES, statusBytes } from "./status-budget.ts";

const base: ObjectStatus = { health: "Degraded", kstatus: "InProgress", message: "not ready" };
const many = (n: number, size: number) =>
  Object.fromEntries(
    Array.from({ length: n }, (_, i) => [`c-${String(i).padStart(4, "0")}`, "x".repeat(size)]),
  );

describe("fitStatus", () => {
  it("leaves a status within the budget as it is", () => {
    const status = { ...base, components: many(10, 100), values: { a: 1 } };
    expect(fitStatus(status)).toBe(status);
  });

  it("keeps components in key order up to the budget and names how many were cut", () => {
    const fitted = fitStatus({ ...base, components: many(400, 1000) });
    const kept = Object.keys(fitted.components ?? {});
    expect(kept).toEqual(Object.keys(many(kept.length, 1)));
    expect(fitted.message).toBe(
      `not ready (${400 - kept.length} components not recorded: status over the 128 KB budget)`,
    );
    expect(statusBytes(fitted)).toBeLessThanOrEqual(STATUS_BUDGET_BYTES);
  });

  it("fits the same way whatever order the components came in", () => {
    const components = many(400, 1000);
    const reversed = Object.fromEntries(Object.entries(components).reverse());
    expect(fitStatus({ ...base, components: reversed })).toEqual(fitStatus({ ...base, components }));
  });

  it("shortens a long message so the note fits within the schema's 4096 characters", () => {
    const values = Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`v${i}`, i]));
    const fitted = fitStatus({ ...base, message: "m".repeat(4096), values }, 16 * 1024);
    expect(fitted.message.length).toBe(4096);
    expect(fitted.message).toMatch(/m… \(\d+ values not recorded: status over the 16 KB budget\)$/);
    expect(statusBytes(fitted)).toBeLessThanOrEqual(16 * 1024);
  });
});
