import { describe, expect, it } from "vitest";
import { loadFixture } from "../../../test/support/fixtures.ts";
import { interpret } from "../interpret.ts";

const fixture = (path: string) => interpret(loadFixture(path));

describe("Flux Kustomization health", () => {
  it("is Healthy with the Ready reason once applied", () => {
    expect(fixture("kustomization/ready.yaml")).toMatchObject({
      health: "Healthy",
      message: "ReconciliationSucceeded",
    });
  });

  it("is Suspended when suspended, whatever its conditions say", () => {
    expect(fixture("kustomization/suspended.yaml")).toMatchObject({
      health: "Suspended",
      message: "Kustomization is suspended",
    });
  });

  it("is Progressing while reconciling with Ready unknown", () => {
    expect(fixture("kustomization/reconciling.yaml")).toMatchObject({
      health: "Progressing",
      message: "Progressing",
    });
  });

  it("is Degraded when its health check failed", () => {
    expect(fixture("kustomization/health-check-failed.yaml")).toMatchObject({
      health: "Degraded",
      message: "HealthCheckFailed",
    });
  });

  it("is Progressing before the controller has written conditions", () => {
    const { status: _, ...obj } = loadFixture("kustomization/ready.yaml");
    expect(interpret(obj)).toMatchObject({ health: "Progressing", message: "Status unknown" });
  });
});

describe("Flux HelmRelease health", () => {
  it("is Healthy when ready and released", () => {
    expect(fixture("helmrelease/released.yaml")).toMatchObject({
      health: "Healthy",
      message: "UpgradeSucceeded",
    });
  });

  it("is Healthy when its Helm tests passed too", () => {
    expect(fixture("helmrelease/tests-passed.yaml")).toMatchObject({
      health: "Healthy",
      message: "TestSucceeded",
    });
  });

  it("is Degraded when the install failed and the release stalled", () => {
    expect(fixture("helmrelease/install-failed-stalled.yaml")).toMatchObject({
      health: "Degraded",
      message: "InstallFailed",
    });
  });

  it("is Progressing during an upgrade", () => {
    expect(fixture("helmrelease/upgrading.yaml")).toMatchObject({
      health: "Progressing",
      message: "Progressing",
    });
  });

  it("is Suspended when suspended", () => {
    expect(fixture("helmrelease/suspended.yaml")).toMatchObject({
      health: "Suspended",
      message: "HelmRelease is suspended",
    });
  });
});
