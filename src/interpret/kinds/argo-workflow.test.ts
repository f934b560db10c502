import { describe, expect, it } from "vitest";
import { loadFixture } from "../../../test/support/fixtures.ts";
import { interpret } from "../interpret.ts";
import { argoWorkflowKinds } from "./argo-workflow.ts";

const workflow = (name: string) => loadFixture(`workflow/${name}.yaml`);

describe("Argo Workflow health", () => {
  it("is Progressing while running, with its phase and progress", () => {
    const status = interpret(workflow("running"));
    expect(status.health).toBe("Progressing");
    expect(status.phase).toBe("Running");
    expect(status.values).toEqual({ progressDone: 1, progressTotal: 3 });
  });

  it("is Healthy once succeeded", () => {
    expect(interpret(workflow("succeeded"))).toMatchObject({ health: "Healthy", phase: "Succeeded" });
  });

  it("is Degraded when failed, with the controller's message", () => {
    expect(interpret(workflow("failed"))).toMatchObject({
      health: "Degraded",
      message: "child 'nightly-etl-1731825480-3316102210' failed",
    });
  });

  it("passes the controller's message through unchanged", () => {
    const obj = workflow("running");
    const status = interpret({ ...obj, status: { phase: "Running", message: "This node is running" } });
    expect(status.message).toBe("This node is running");
  });

  it("is Progressing before the controller has written any status", () => {
    expect(interpret(workflow("just-submitted")).health).toBe("Progressing");
  });

  // Checked on the row itself: the dispatcher may fill an empty message from kstatus.
  it("gives no message of its own before the controller has written any status", () => {
    const row = argoWorkflowKinds[0];
    expect(row?.health(workflow("just-submitted"), { interpret })).toEqual({
      health: "Progressing",
      message: "",
    });
  });

  it("is Degraded on Error and Unknown on a phase it does not know", () => {
    const obj = workflow("running");
    expect(interpret({ ...obj, status: { phase: "Error" } }).health).toBe("Degraded");
    expect(interpret({ ...obj, status: { phase: "Omitted" } }).health).toBe("Unknown");
  });
});
