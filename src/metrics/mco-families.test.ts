import { describe, expect, it } from "vitest";
import { loadFixture } from "../../test/support/fixtures.ts";
import { interpret } from "../interpret/interpret.ts";
import { lines, renderFamilies } from "./testing/render.ts";
import { storedFromObject, storedObject } from "./testing/stored-object.ts";

const MCP = "machineconfiguration.openshift.io/v1";

describe("machine config pool families", () => {
  it("render the pool's counts and its state, labelled by cluster and pool", () => {
    const object = loadFixture("machineconfigpool/degraded.yaml");
    const record = storedFromObject(object, interpret(object));

    const text = renderFamilies([record], { names: "mco_.*" });

    expect(text).toBe(
      lines(
        "# HELP mco_machine_count Machines in the pool.",
        "# TYPE mco_machine_count gauge",
        'mco_machine_count{cluster="prod-eu",pool="infra"} 3',
        "# HELP mco_updated_machine_count Machines in the pool on its current config.",
        "# TYPE mco_updated_machine_count gauge",
        'mco_updated_machine_count{cluster="prod-eu",pool="infra"} 2',
        "# HELP mco_degraded_machine_count Machines in the pool that failed to update.",
        "# TYPE mco_degraded_machine_count gauge",
        'mco_degraded_machine_count{cluster="prod-eu",pool="infra"} 1',
        "# HELP mco_unavailable_machine_count Machines in the pool that are updating or not ready.",
        "# TYPE mco_unavailable_machine_count gauge",
        'mco_unavailable_machine_count{cluster="prod-eu",pool="infra"} 1',
        "# HELP mco_ready_machine_count Machines in the pool that are ready and updated.",
        "# TYPE mco_ready_machine_count gauge",
        'mco_ready_machine_count{cluster="prod-eu",pool="infra"} 2',
        "# HELP mco_state The pool's newest true condition (state) and its reason; the value is when it turned true, in unix seconds.",
        "# TYPE mco_state gauge",
        'mco_state{cluster="prod-eu",pool="infra",state="Degraded",reason="1 nodes are reporting degraded status on sync"} 1741001712',
      ),
    );
  });

  it("date a state whose condition has no time by the record's last transition", () => {
    const record = storedObject(
      MCP,
      "MachineConfigPool",
      "worker",
      { components: { state: "Updated", stateReason: "" } },
      { lastTransitionAt: "2025-03-01T10:00:00.000Z" },
    );

    const text = renderFamilies([record], { names: "mco_state" });

    expect(text).toContain(
      'mco_state{cluster="prod-eu",pool="worker",state="Updated",reason=""} 1740823200\n',
    );
  });

  it("render nothing for a pool the controller has not reported on yet", () => {
    const record = storedObject(MCP, "MachineConfigPool", "worker", { health: "Progressing" });

    expect(renderFamilies([record], { names: "mco_.*" })).toBe("");
  });
});
