import { describe, expect, it } from "vitest";
import { loadFixture } from "../../../test/support/fixtures.ts";
import { interpret } from "../interpret.ts";

describe("Argo CD instance (ArgoCD)", () => {
  it("is Healthy when the operator reports the instance Available", () => {
    const status = interpret(loadFixture("argocd/v1beta1-available.yaml"));

    expect(status.health).toBe("Healthy");
    expect(status.phase).toBe("Available");
  });

  it("exposes every component the operator reports under its status field's name", () => {
    const status = interpret(loadFixture("argocd/v1beta1-available.yaml"));

    expect(status.components).toEqual({
      applicationController: "Running",
      applicationSetController: "Running",
      notificationsController: "Running",
      redis: "Running",
      repo: "Running",
      server: "Running",
      sso: "Running",
    });
  });

  it("reports a v1alpha1 instance's dex status as the sso component", () => {
    const status = interpret(loadFixture("argocd/v1alpha1-dex.yaml"));

    expect(status.components?.sso).toBe("Running");
    expect(status.components).not.toHaveProperty("dex");
  });

  it("is Progressing while pending, naming the components still pending", () => {
    const status = interpret(loadFixture("argocd/pending.yaml"));

    expect(status).toMatchObject({
      health: "Progressing",
      message: "Waiting for redis, server",
      phase: "Pending",
    });
  });

  it("is Degraded when a component failed, naming it", () => {
    const status = interpret(loadFixture("argocd/failed-component.yaml"));

    expect(status).toMatchObject({ health: "Degraded", message: "Failed components: repo" });
  });

  it("is Degraded when the phase is Failed even if no component says so", () => {
    const obj = loadFixture("argocd/failed-component.yaml");
    obj.status = { phase: "Failed", repo: "Running", server: "Running" };

    expect(interpret(obj).health).toBe("Degraded");
  });

  it("is Degraded when a component failed even though the phase is still Available", () => {
    const obj = loadFixture("argocd/v1beta1-available.yaml");
    obj.status = { ...(obj.status as object), server: "Failed" };

    expect(interpret(obj)).toMatchObject({ health: "Degraded", message: "Failed components: server" });
  });

  it("is Progressing while the operator has written no status yet", () => {
    const status = interpret(loadFixture("argocd/no-status.yaml"));

    expect(status).toMatchObject({ health: "Progressing", message: "Waiting for the operator" });
    expect(status.components).toBeUndefined();
  });
});
