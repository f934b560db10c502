import { describe, expect, it } from "vitest";
import { loadFixture } from "../../../test/support/fixtures.ts";
import { interpret } from "../interpret.ts";

describe("KeptnMetric", () => {
  it("is Healthy with its value as a number", () => {
    const status = interpret(loadFixture("keptnmetric/ok.yaml"));

    expect(status.health).toBe("Healthy");
    expect(status.values).toEqual({ value: 0.0023148148148148147 });
  });

  it("names its provider as a component", () => {
    const status = interpret(loadFixture("keptnmetric/ok.yaml"));

    expect(status.components).toEqual({ provider: "prometheus-main" });
  });

  it("is Degraded with the operator's error message", () => {
    const status = interpret(loadFixture("keptnmetric/err-msg.yaml"));

    expect(status.health).toBe("Degraded");
    expect(status.message).toMatch(/^Post "http:\/\/prometheus-k8s.*no such host$/);
    expect(status.values).toBeUndefined();
  });

  it("is Degraded when an error is reported beside a value", () => {
    const obj = loadFixture("keptnmetric/ok.yaml");
    obj.status = { ...(obj.status as object), errMsg: "client_error: 422 Unprocessable Entity" };

    expect(interpret(obj)).toMatchObject({
      health: "Degraded",
      message: "client_error: 422 Unprocessable Entity",
    });
  });

  it("is Degraded and carries no value when the value is not a number", () => {
    const status = interpret(loadFixture("keptnmetric/non-numeric.yaml"));

    expect(status).toMatchObject({ health: "Degraded", message: 'Value "NaN" is not a finite number' });
    expect(status.values).toBeUndefined();
  });

  it("is Progressing with no value before the first fetch", () => {
    const status = interpret(loadFixture("keptnmetric/no-status.yaml"));

    expect(status.health).toBe("Progressing");
    expect(status.values).toBeUndefined();
  });

  it("has no phase", () => {
    expect(interpret(loadFixture("keptnmetric/ok.yaml")).phase).toBeUndefined();
  });
});
