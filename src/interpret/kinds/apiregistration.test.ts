import { describe, expect, it } from "vitest";
import { loadFixture } from "../../../test/support/fixtures.ts";
import { interpret } from "../interpret.ts";

const statusFor = (path: string) => interpret(loadFixture(path));

describe("APIService", () => {
  it("is healthy when available, with the condition's reason and message", () => {
    expect(statusFor("apiservice/local-available.yaml")).toMatchObject({
      health: "Healthy",
      message: "Local: Local APIServices are always available",
    });
  });

  it("is progressing when its backend fails discovery", () => {
    expect(statusFor("apiservice/metrics-server-unavailable.yaml")).toMatchObject({
      health: "Progressing",
      message:
        'FailedDiscoveryCheck: failing or missing response from https://10.0.44.231:10250/apis/metrics.k8s.io/v1beta1: Get "https://10.0.44.231:10250/apis/metrics.k8s.io/v1beta1": dial tcp 10.0.44.231:10250: i/o timeout',
    });
  });

  it("is progressing before the aggregator has written an Available condition", () => {
    expect(statusFor("apiservice/just-registered.yaml")).toMatchObject({
      health: "Progressing",
      message: "Waiting to be processed",
    });
  });

  it("is read by the same rule under apiregistration.k8s.io/v1beta1", () => {
    const apiService = {
      ...loadFixture("apiservice/local-available.yaml"),
      apiVersion: "apiregistration.k8s.io/v1beta1",
    };
    expect(interpret(apiService).health).toBe("Healthy");
  });
});
