import { Buffer } from "node:buffer";
import { describe, expect, it } from "vitest";
import { loadFixture } from "../../../test/support/fixtures.ts";
import { createInterpreter, interpret } from "../interpret.ts";
import type { KubeObject } from "../kube-object.ts";
import { bundleResources, type EmbeddedInterpreter } from "./resource-bundle-state.ts";

// Echoes what it was handed, so the tests see exactly which object reached the interpreter.
const echo: EmbeddedInterpreter = (obj) => ({ health: "Healthy", message: `${obj.apiVersion} ${obj.kind}` });

function withStatus(path: string, status: Record<string, unknown>): KubeObject {
  return { ...loadFixture(path), status };
}

describe("bundleResources", () => {
  it("lists every embedded resource with its identity and interpreted health", () => {
    const resources = bundleResources(loadFixture("resourcebundlestate/pod-crashloop.yaml"), interpret);

    expect(resources).toContainEqual({
      apiVersion: "v1",
      kind: "Pod",
      namespace: "vfw",
      name: "fw0-firewall-6b8c7d9f54-zt7wq",
      health: "Degraded",
      message: expect.stringContaining("back-off 5m0s restarting failed container=firewall"),
    });
    expect(resources).toHaveLength(4);
  });

  it("fills apiVersion and kind from the array an entry sits in", () => {
    const resources = bundleResources(loadFixture("resourcebundlestate/pod-crashloop.yaml"), echo);

    expect(resources.map((r) => r.message)).toEqual([
      "v1 Pod",
      "v1 Service",
      "v1 ConfigMap",
      "apps/v1 Deployment",
    ]);
  });

  it("places pods the monitor stripped of their namespace in the bundle's namespace", () => {
    const resources = bundleResources(loadFixture("resourcebundlestate/all-ready.yaml"), echo);

    expect(resources.filter((r) => r.kind === "Pod").map((r) => r.namespace)).toEqual(["default", "default"]);
  });

  it("leaves cluster-scoped resources without a namespace", () => {
    const csr = { metadata: { name: "csr-edge02-kubelet" }, status: {} };
    const obj = withStatus("resourcebundlestate/empty-status.yaml", { csrStatuses: [csr] });

    expect(bundleResources(obj, echo)).toMatchObject([
      {
        apiVersion: "certificates.k8s.io/v1",
        kind: "CertificateSigningRequest",
        namespace: "",
        name: "csr-edge02-kubelet",
      },
    ]);
  });

  it("decodes resources of other kinds from their base64 copy", () => {
    const resources = bundleResources(loadFixture("resourcebundlestate/all-ready.yaml"), echo);

    expect(resources).toContainEqual({
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "Role",
      namespace: "default",
      name: "http-server-config-reader",
      health: "Healthy",
      message: "rbac.authorization.k8s.io/v1 Role",
    });
  });

  it("accepts a resource copy written as plain JSON", () => {
    const res = JSON.stringify({
      apiVersion: "v1",
      kind: "ServiceAccount",
      metadata: { name: "sink", namespace: "vfw" },
    });
    const entry = { group: "", version: "v1", kind: "ServiceAccount", name: "sink", namespace: "vfw", res };
    const obj = withStatus("resourcebundlestate/empty-status.yaml", { resourceStatuses: [entry] });

    expect(bundleResources(obj, echo)).toMatchObject([
      { apiVersion: "v1", kind: "ServiceAccount", name: "sink" },
    ]);
  });

  it("reports a resource whose copy cannot be decoded as Unknown, keeping its identity", () => {
    const res = Buffer.from("not json").toString("base64");
    const entry = {
      group: "k8s.plugin.opnfv.org",
      version: "v1alpha1",
      kind: "Network",
      name: "ovn-net",
      namespace: "vfw",
      res,
    };
    const obj = withStatus("resourcebundlestate/empty-status.yaml", { resourceStatuses: [entry] });

    expect(bundleResources(obj, echo)).toMatchObject([
      { apiVersion: "k8s.plugin.opnfv.org/v1alpha1", kind: "Network", name: "ovn-net", health: "Unknown" },
    ]);
  });
});

describe("ResourceBundleState", () => {
  it("is Healthy when every embedded resource is", () => {
    const status = interpret(loadFixture("resourcebundlestate/all-ready.yaml"));

    expect(status).toMatchObject({ health: "Healthy", message: "All 6 resources healthy" });
    expect(status.values).toEqual({ resourceCount: 6, readyCount: 6 });
  });

  it("takes the worst embedded health and names what is not healthy", () => {
    const status = interpret(loadFixture("resourcebundlestate/pod-crashloop.yaml"));

    expect(status.health).toBe("Degraded");
    expect(status.message).toBe(
      "2 of 4 resources not healthy: Pod/fw0-firewall-6b8c7d9f54-zt7wq Degraded, Deployment/fw0-firewall Progressing",
    );
  });

  it("counts only Healthy resources as ready", () => {
    const status = interpret(loadFixture("resourcebundlestate/pod-crashloop.yaml"));

    expect(status.values).toEqual({ resourceCount: 4, readyCount: 2 });
  });

  it("exposes each embedded resource's health keyed by kind, namespace and name", () => {
    const status = interpret(loadFixture("resourcebundlestate/pod-crashloop.yaml"));

    expect(status.components).toEqual({
      "Pod/vfw/fw0-firewall-6b8c7d9f54-zt7wq": "Degraded",
      "Service/vfw/fw0-firewall": "Healthy",
      "ConfigMap/vfw/fw0-firewall-configmap": "Healthy",
      "Deployment/vfw/fw0-firewall": "Progressing",
    });
  });

  it("names at most five resources in its message", () => {
    const obj = loadFixture("resourcebundlestate/pod-crashloop.yaml");
    const status = obj.status as { podStatuses: { metadata: { name: string } }[] };
    const pod = status.podStatuses[0];
    status.podStatuses = Array.from({ length: 7 }, (_, i) => ({
      ...pod,
      metadata: { name: `fw0-firewall-${i}` },
    }));

    expect(interpret(obj).message).toMatch(
      /^8 of 10 resources not healthy: (Pod\/fw0-firewall-\d Degraded, ){4}Pod\/fw0-firewall-4 Degraded and 3 more$/,
    );
  });

  it("interprets embedded resources with the same rules as top-level ones", () => {
    const strict = createInterpreter({
      rules: [
        {
          group: "",
          kind: "ConfigMap",
          health: () => ({ health: "Degraded", message: "no configmaps here" }),
        },
      ],
    });

    const status = strict(loadFixture("resourcebundlestate/all-ready.yaml"));

    expect(status.health).toBe("Degraded");
    expect(status.components?.["ConfigMap/default/http-server-config"]).toBe("Degraded");
  });

  it("is Progressing while the monitor has reported no resources", () => {
    const status = interpret(loadFixture("resourcebundlestate/empty-status.yaml"));

    expect(status).toMatchObject({
      health: "Progressing",
      message: "Waiting for the EMCO monitor to report resources",
    });
    expect(status.components).toBeUndefined();
  });

  it("is Progressing before the monitor writes any status", () => {
    const obj = loadFixture("resourcebundlestate/empty-status.yaml");
    delete obj.status;

    expect(interpret(obj).health).toBe("Progressing");
  });
});
