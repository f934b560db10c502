import { describe, expect, it } from "vitest";
import { loadFixture } from "../../test/support/fixtures.ts";
import { interpret } from "../interpret/interpret.ts";
import { lines, renderFamilies } from "./testing/render.ts";
import { storedFromObject, storedObject } from "./testing/stored-object.ts";

const HELP = "0=Unknown (or Failed), 1=Pending, 2=Running, 3=Available";

function instance(status: Parameters<typeof storedObject>[3]) {
  return storedObject("argoproj.io/v1beta1", "ArgoCD", "openshift-gitops", status, {
    namespace: "openshift-gitops",
  });
}

describe("Argo CD instance families", () => {
  it("render each reported component and the phase on the DESIGN.md scale", () => {
    const record = instance({
      phase: "Pending",
      components: {
        applicationController: "Running",
        applicationSetController: "Available",
        server: "Pending",
        repo: "Unknown",
        notificationsController: "Running",
        sso: "Running",
        redis: "Running",
      },
    });

    const text = renderFamilies([record], { names: "argocd_.*" });

    const id = 'cluster="prod-eu",namespace="openshift-gitops",name="openshift-gitops"';
    expect(text).toBe(
      lines(
        `# HELP argocd_application_controller_status State of the Argo CD instance's application controller as its operator reports it: ${HELP}.`,
        "# TYPE argocd_application_controller_status gauge",
        `argocd_application_controller_status{${id}} 2`,
        `# HELP argocd_applicationset_controller_status State of the Argo CD instance's ApplicationSet controller as its operator reports it: ${HELP}.`,
        "# TYPE argocd_applicationset_controller_status gauge",
        `argocd_applicationset_controller_status{${id}} 3`,
        `# HELP argocd_server_status State of the Argo CD instance's API server as its operator reports it: ${HELP}.`,
        "# TYPE argocd_server_status gauge",
        `argocd_server_status{${id}} 1`,
        `# HELP argocd_repo_server_status State of the Argo CD instance's repo server as its operator reports it: ${HELP}.`,
        "# TYPE argocd_repo_server_status gauge",
        `argocd_repo_server_status{${id}} 0`,
        `# HELP argocd_notifications_controller_status State of the Argo CD instance's notifications controller as its operator reports it: ${HELP}.`,
        "# TYPE argocd_notifications_controller_status gauge",
        `argocd_notifications_controller_status{${id}} 2`,
        `# HELP argocd_dex_status State of the Argo CD instance's SSO (Dex or Keycloak) as its operator reports it: ${HELP}.`,
        "# TYPE argocd_dex_status gauge",
        `argocd_dex_status{${id}} 2`,
        `# HELP argocd_redis_status State of the Argo CD instance's Redis as its operator reports it: ${HELP}.`,
        "# TYPE argocd_redis_status gauge",
        `argocd_redis_status{${id}} 2`,
        `# HELP argocd_phase Phase of the Argo CD instance: ${HELP}.`,
        "# TYPE argocd_phase gauge",
        `argocd_phase{${id}} 1`,
      ),
    );
  });

  it("count a Failed component or phase as 0, since the scale has no step for it", () => {
    const record = instance({ phase: "Failed", components: { server: "Failed" } });

    const text = renderFamilies([record], { names: "argocd_server_status|argocd_phase" });

    expect(text).toContain(
      'argocd_server_status{cluster="prod-eu",namespace="openshift-gitops",name="openshift-gitops"} 0\n',
    );
    expect(text).toContain(
      'argocd_phase{cluster="prod-eu",namespace="openshift-gitops",name="openshift-gitops"} 0\n',
    );
  });

  it("leave out components the operator does not report", () => {
    const record = instance({ phase: "Available", components: { server: "Running" } });

    const text = renderFamilies([record], { names: "argocd_.*" });

    expect(text).not.toContain("argocd_redis_status");
    expect(text).not.toContain("argocd_dex_status");
  });

  it("read Dex from a v1alpha1 instance's status.dex as interpreted", () => {
    const object = loadFixture("argocd/v1alpha1-dex.yaml");
    const record = storedFromObject(object, interpret(object));

    const text = renderFamilies([record], { names: "argocd_dex_status|argocd_phase" });

    expect(text).toContain(
      'argocd_dex_status{cluster="prod-eu",namespace="argocd",name="example-argocd"} 2\n',
    );
    expect(text).toContain('argocd_phase{cluster="prod-eu",namespace="argocd",name="example-argocd"} 3\n');
  });
});
