import { describe, expect, it } from "vitest";
import { loadFixture } from "../../../test/support/fixtures.ts";
import { interpret } from "../interpret.ts";

const crd = (name: string) => loadFixture(`customresourcedefinition/${name}.yaml`);

describe("CustomResourceDefinition health", () => {
  it("is Healthy once established with its names accepted", () => {
    expect(interpret(crd("established"))).toMatchObject({ health: "Healthy", message: "CRD is healthy" });
  });

  it("is Degraded with the conflict when its names are not accepted", () => {
    expect(interpret(crd("names-not-accepted"))).toMatchObject({
      health: "Degraded",
      message: 'CRD names have not been accepted: "po" is already in use',
    });
  });

  it("is Degraded with the violation when its schema is not structural", () => {
    expect(interpret(crd("non-structural"))).toMatchObject({
      health: "Degraded",
      message: "Schema violations found: spec.preserveUnknownFields: Invalid value: true: must be false",
    });
  });

  it("is Progressing before the API server has set any condition", () => {
    expect(interpret(crd("no-conditions-yet"))).toMatchObject({
      health: "Progressing",
      message: "Status conditions not found",
    });
  });

  it("is Degraded when conditions exist but Established is not True", () => {
    const obj = crd("established");
    const status = interpret({
      ...obj,
      status: { conditions: [{ type: "NamesAccepted", status: "True", reason: "NoConflicts" }] },
    });
    expect(status).toMatchObject({ health: "Degraded", message: "CRD is not established" });
  });

  it("is Progressing with the condition's message when the Terminating condition is True", () => {
    const obj = crd("established");
    const terminating = { type: "Terminating", status: "True", message: "instances still exist" };
    const status = interpret({ ...obj, status: { conditions: [terminating] } });
    expect(status).toMatchObject({
      health: "Progressing",
      message: "CRD is terminating: instances still exist",
    });
  });
});
