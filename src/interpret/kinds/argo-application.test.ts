import { describe, expect, it } from "vitest";
import { loadFixture } from "../../../test/support/fixtures.ts";
import { interpret } from "../interpret.ts";

const app = (name: string) => interpret(loadFixture(`application/${name}.yaml`));

describe("Argo CD Application health", () => {
  it("is the health Argo CD reports, with sync status as the phase", () => {
    const status = app("healthy-synced");
    expect(status.health).toBe("Healthy");
    expect(status.phase).toBe("Synced");
  });

  it("carries sync and operation states as components", () => {
    expect(app("healthy-synced").components).toEqual({ sync: "Synced", operation: "Succeeded" });
  });

  it("keeps Argo CD's message for a degraded app", () => {
    const status = app("degraded-sync-failed");
    expect(status.health).toBe("Degraded");
    expect(status.message).toBe('Deployment "checkout-api" exceeded its progress deadline');
    expect(status.components).toEqual({ sync: "OutOfSync", operation: "Failed" });
  });

  it("explains an Unknown health with the comparison error", () => {
    const status = app("comparison-error");
    expect(status.health).toBe("Unknown");
    expect(status.message).toMatch(/^Failed to load target state: /);
  });

  it("is Unknown before Argo CD has assessed the app", () => {
    const status = app("just-created");
    expect(status.health).toBe("Unknown");
    expect(status.message).toBe("Argo CD has not assessed the application's health");
    expect(status.components).toBeUndefined();
  });
});
