import type { KStatusResult } from "../kind-interpreter.ts";
import type { KubeObject } from "../kube-object.ts";
import type { Conditions } from "./conditions.ts";
import { intField, stringField } from "./fields.ts";
import { checkGenerationSet } from "./generic.ts";
import { current, failed, inProgress } from "./result.ts";

// The controllers default spec.replicas to 1; kstatus reads an unset count as that default.
const specReplicas = (obj: KubeObject) => intField(obj, ["spec", "replicas"], 1);
const statusCount = (obj: KubeObject, name: string) => intField(obj, ["status", name], 0);

// The deployment controller's sentinel for "no progress deadline" (it then never sets Progressing).
const NO_PROGRESS_DEADLINE = 2_147_483_647;

/** The first failed check's verdict, in order; undefined when every count is where it should be. */
function firstShortfall(checks: readonly [boolean, string][]): KStatusResult | undefined {
  const hit = checks.find(([short]) => short);
  return hit ? inProgress(hit[1]) : undefined;
}

export function deploymentStatus(obj: KubeObject, _now: Date, conditions: Conditions): KStatusResult {
  const deadline = intField(obj, ["spec", "progressDeadlineSeconds"], NO_PROGRESS_DEADLINE);
  let progressing = deadline === NO_PROGRESS_DEADLINE;
  let available = false;
  for (const c of conditions()) {
    if (c.type === "Progressing") {
      // The reason alone decides: the controller sets it only with status False.
      if (c.reason === "ProgressDeadlineExceeded") return failed("Progress deadline exceeded");
      if (c.status === "True" && c.reason === "NewReplicaSetAvailable") progressing = true;
    } else if (c.type === "Available" && c.status === "True") {
      available = true;
    }
  }

  const spec = specReplicas(obj);
  const replicas = statusCount(obj, "replicas");
  const updated = statusCount(obj, "updatedReplicas");
  const ready = statusCount(obj, "readyReplicas");
  const availableReplicas = statusCount(obj, "availableReplicas");
  return (
    firstShortfall([
      [spec > replicas, `Replicas: ${replicas}/${spec}`],
      [spec > updated, `Updated: ${updated}/${spec}`],
      [replicas > spec, `Pending termination: ${replicas - spec}`],
      [updated > availableReplicas, `Available: ${availableReplicas}/${updated}`],
      [spec > ready, `Ready: ${ready}/${spec}`],
      [!progressing, "ReplicaSet not Available"],
      [!available, "Deployment not Available"],
    ]) ?? current(`Deployment is available. Replicas: ${replicas}`)
  );
}

/** StatefulSets never get conditions from their controller, so only the counts and revisions tell. */
export function statefulSetStatus(obj: KubeObject): KStatusResult {
  if (stringField(obj, ["spec", "updateStrategy", "type"], "") === "OnDelete") {
    return current("StatefulSet is using the ondelete update strategy");
  }
  const spec = specReplicas(obj);
  const replicas = statusCount(obj, "replicas");
  const ready = statusCount(obj, "readyReplicas");
  const shortfall = firstShortfall([
    [spec > replicas, `Replicas: ${replicas}/${spec}`],
    [spec > ready, `Ready: ${ready}/${spec}`],
    [replicas > spec, `Pending termination: ${replicas - spec}`],
  ]);
  if (shortfall) return shortfall;

  const updated = statusCount(obj, "updatedReplicas");
  const partition = intField(obj, ["spec", "updateStrategy", "rollingUpdate", "partition"], -1);
  if (partition !== -1) {
    // Pods below the partition keep the old revision on purpose; only those above must be updated.
    if (updated < spec - partition) return inProgress(`updated: ${updated}/${spec - partition}`);
    return current(`Partition rollout complete. updated: ${updated}`);
  }
  const currentReplicas = statusCount(obj, "currentReplicas");
  const revision = (name: string) => stringField(obj, ["status", name], "");
  return (
    firstShortfall([
      [spec > currentReplicas, `current: ${currentReplicas}/${spec}`],
      [
        revision("currentRevision") !== revision("updateRevision"),
        "Waiting for updated revision to match current",
      ],
    ]) ?? current(`All replicas scheduled as expected. Replicas: ${replicas}`)
  );
}

export function daemonSetStatus(obj: KubeObject): KStatusResult {
  const unobserved = checkGenerationSet(obj);
  if (unobserved) return unobserved;

  const desired = intField(obj, ["status", "desiredNumberScheduled"], -1);
  if (desired === -1) return inProgress("Missing .status.desiredNumberScheduled");
  const scheduled = statusCount(obj, "currentNumberScheduled");
  const updated = statusCount(obj, "updatedNumberScheduled");
  const available = statusCount(obj, "numberAvailable");
  const ready = statusCount(obj, "numberReady");
  return (
    firstShortfall([
      [desired > scheduled, `Current: ${scheduled}/${desired}`],
      [desired > updated, `Updated: ${updated}/${desired}`],
      [desired > available, `Available: ${available}/${desired}`],
      [desired > ready, `Ready: ${ready}/${desired}`],
    ]) ?? current(`All replicas scheduled as expected. Replicas: ${desired}`)
  );
}

export function replicaSetStatus(obj: KubeObject, _now: Date, conditions: Conditions): KStatusResult {
  // A failed pod create is retried by the controller, so kstatus keeps waiting rather than failing.
  if (conditions().some((c) => c.type === "ReplicaFailure" && c.status === "True")) {
    return inProgress("Replica Failure condition. Check Pods");
  }
  const spec = specReplicas(obj);
  const replicas = statusCount(obj, "replicas");
  const labelled = statusCount(obj, "fullyLabeledReplicas");
  const available = statusCount(obj, "availableReplicas");
  const ready = statusCount(obj, "readyReplicas");
  return (
    firstShortfall([
      [spec > labelled, `Labelled: ${labelled}/${spec}`],
      [spec > available, `Available: ${available}/${spec}`],
      [spec > ready, `Ready: ${ready}/${spec}`],
      [replicas > spec, `Pending termination: ${replicas - spec}`],
    ]) ?? current(`ReplicaSet is available. Replicas: ${replicas}`)
  );
}
