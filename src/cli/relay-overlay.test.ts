import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { installSteps, relayOverlay } from "./relay-overlay.ts";

describe("relayOverlay", () => {
  it("names the base, the image and the relay's endpoint and cluster", () => {
    const overlay = parse(
      relayOverlay({
        cluster: "edge-1",
        endpoint: "https://abc.lambda-url.eu-west-1.on.aws/",
        image: "registry.example:5000/team/status-recorder-relay:1.2.3",
      }),
    );
    expect(overlay.resources).toEqual(["../status-recorder/infra/k8s"]);
    expect(overlay.images).toEqual([
      {
        name: "status-recorder-relay",
        newName: "registry.example:5000/team/status-recorder-relay",
        newTag: "1.2.3",
      },
    ]);
    expect(overlay.configMapGenerator[0].literals).toEqual([
      "ENDPOINT=https://abc.lambda-url.eu-west-1.on.aws/",
      "CLUSTER=edge-1",
    ]);
  });

  it("leaves what it does not know as visible placeholders", () => {
    const text = relayOverlay({ cluster: "edge-1" });
    expect(text).toContain("ENDPOINT=https://<IngestUrl output of the stack>/");
    expect(text).toContain("newName: <registry>/status-recorder-relay");
  });
});

describe("installSteps", () => {
  it("applies the overlay before creating the Secret in its namespace", () => {
    const steps = installSteps("edge-1", "kind: Kustomization\n", "kubectl create secret …");
    expect(steps.indexOf("kubectl apply -k edge-1/")).toBeLessThan(steps.indexOf("kubectl create secret"));
  });
});
