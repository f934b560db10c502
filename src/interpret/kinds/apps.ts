import type { Health } from "../../model/object-status.ts";
import { conditionOfType } from "../condition-lookup.ts";
import type { HealthResult, KindInterpreter } from "../kind-interpreter.ts";
import type { KubeObject, Record_ } from "../kube-object.ts";
import { field, isRecord, num, specOf, statusOf, str } from "../kube-object.ts";

// Health of workload controllers, as gitops-engine pkg/health (health_deployment.go, health_statefulset.go,
// health_daemonset.go, health_replicaset.go) computes it, messages included. Those checks follow kubectl's
// `rollout status`; each is an ordered list of steps where the first that holds decides.

/** What the steps read; counts absent from status are 0, as Kubernetes omits zero values. */
class Workload {
  readonly name: string;
  readonly generation: number;
  readonly observedGeneration: number;
  /** spec.replicas; undefined skips the checks that need it, as a nil pointer does upstream. */
  readonly desired: number | undefined;
  readonly spec: Record_;
  readonly status: Record_;

  constructor(readonly obj: KubeObject) {
    this.spec = specOf(obj);
    this.status = statusOf(obj);
    this.name = obj.metadata?.name ?? "";
    this.generation = num(obj.metadata?.generation) ?? 0;
    this.observedGeneration = num(this.status.observedGeneration) ?? 0;
    this.desired = num(this.spec.replicas);
  }

  count(key: string): number {
    return num(this.status[key]) ?? 0;
  }
}

interface Step {
  when: (w: Workload) => boolean;
  health: Health;
  message: (w: Workload) => string;
}

function firstStep(steps: readonly Step[]): (obj: KubeObject) => HealthResult {
  return (obj) => {
    const w = new Workload(obj);
    for (const step of steps) if (step.when(w)) return { health: step.health, message: step.message(w) };
    return { health: "Healthy", message: "" };
  };
}

// Go's %q, which upstream uses for names.
const quoted = (name: string) => JSON.stringify(name);
const generationLags = (w: Workload) => w.generation > w.observedGeneration;

const deploymentSteps: Step[] = [
  { when: (w) => w.spec.paused === true, health: "Suspended", message: () => "Deployment is paused" },
  {
    when: generationLags,
    health: "Progressing",
    message: () =>
      "Waiting for rollout to finish: observed deployment generation less than desired generation",
  },
  {
    when: (w) => conditionOfType(w.obj, "Progressing")?.reason === "ProgressDeadlineExceeded",
    health: "Degraded",
    message: (w) => `Deployment ${quoted(w.name)} exceeded its progress deadline`,
  },
  {
    when: (w) => w.desired !== undefined && w.count("updatedReplicas") < w.desired,
    health: "Progressing",
    message: (w) =>
      `Waiting for rollout to finish: ${w.count("updatedReplicas")} out of ${w.desired} new replicas have been updated...`,
  },
  {
    when: (w) => w.count("replicas") > w.count("updatedReplicas"),
    health: "Progressing",
    message: (w) =>
      `Waiting for rollout to finish: ${w.count("replicas") - w.count("updatedReplicas")} old replicas are pending termination...`,
  },
  {
    when: (w) => w.count("availableReplicas") < w.count("updatedReplicas"),
    health: "Progressing",
    message: (w) =>
      `Waiting for rollout to finish: ${w.count("availableReplicas")} of ${w.count("updatedReplicas")} updated replicas are available...`,
  },
];

const strategyType = (w: Workload) => str(field(w.spec, "updateStrategy", "type"));
// The API server defaults rollingUpdate to {partition: 0}, so real StatefulSets take the partition steps.
const rollingUpdate = (w: Workload) =>
  strategyType(w) === "RollingUpdate" && isRecord(field(w.spec, "updateStrategy", "rollingUpdate"));
const partition = (w: Workload) => num(field(w.spec, "updateStrategy", "rollingUpdate", "partition"));
const partitionTarget = (w: Workload) => (w.desired ?? 0) - (partition(w) ?? 0);
const revision = (w: Workload, key: string) => str(w.status[key]) ?? "";

const statefulSetSteps: Step[] = [
  {
    when: (w) => w.observedGeneration === 0 || generationLags(w),
    health: "Progressing",
    message: () => "Waiting for statefulset spec update to be observed...",
  },
  {
    when: (w) => w.desired !== undefined && w.count("readyReplicas") < w.desired,
    health: "Progressing",
    message: (w) => `Waiting for ${(w.desired ?? 0) - w.count("readyReplicas")} pods to be ready...`,
  },
  {
    when: (w) =>
      rollingUpdate(w) &&
      w.desired !== undefined &&
      partition(w) !== undefined &&
      w.count("updatedReplicas") < partitionTarget(w),
    health: "Progressing",
    message: (w) =>
      `Waiting for partitioned roll out to finish: ${w.count("updatedReplicas")} out of ${partitionTarget(w)} new pods have been updated...`,
  },
  {
    when: rollingUpdate,
    health: "Healthy",
    message: (w) =>
      `partitioned roll out complete: ${w.count("updatedReplicas")} new pods have been updated...`,
  },
  {
    when: (w) => strategyType(w) === "OnDelete",
    health: "Healthy",
    message: (w) => `statefulset has ${w.count("readyReplicas")} ready pods`,
  },
  {
    when: (w) => revision(w, "updateRevision") !== revision(w, "currentRevision"),
    health: "Progressing",
    message: (w) =>
      `waiting for statefulset rolling update to complete ${w.count("updatedReplicas")} pods at revision ${revision(w, "updateRevision")}...`,
  },
  {
    when: () => true,
    health: "Healthy",
    message: (w) =>
      `statefulset rolling update complete ${w.count("currentReplicas")} pods at revision ${revision(w, "currentRevision")}...`,
  },
];

const daemonSetSteps: Step[] = [
  {
    when: generationLags,
    health: "Progressing",
    message: () =>
      "Waiting for rollout to finish: observed daemon set generation less than desired generation",
  },
  {
    when: (w) => strategyType(w) === "OnDelete",
    health: "Healthy",
    message: (w) =>
      `daemon set ${w.count("updatedNumberScheduled")} out of ${w.count("desiredNumberScheduled")} new pods have been updated`,
  },
  {
    when: (w) => w.count("updatedNumberScheduled") < w.count("desiredNumberScheduled"),
    health: "Progressing",
    message: (w) =>
      `Waiting for daemon set ${quoted(w.name)} rollout to finish: ${w.count("updatedNumberScheduled")} out of ${w.count("desiredNumberScheduled")} new pods have been updated...`,
  },
  {
    when: (w) => w.count("numberAvailable") < w.count("desiredNumberScheduled"),
    health: "Progressing",
    message: (w) =>
      `Waiting for daemon set ${quoted(w.name)} rollout to finish: ${w.count("numberAvailable")} of ${w.count("desiredNumberScheduled")} updated pods are available...`,
  },
];

const replicaFailure = (w: Workload) => conditionOfType(w.obj, "ReplicaFailure");

const replicaSetSteps: Step[] = [
  {
    when: generationLags,
    health: "Progressing",
    message: () =>
      "Waiting for rollout to finish: observed replica set generation less than desired generation",
  },
  {
    when: (w) => replicaFailure(w)?.status === "True",
    health: "Degraded",
    message: (w) => replicaFailure(w)?.message ?? "",
  },
  {
    when: (w) => w.desired !== undefined && w.count("availableReplicas") < w.desired,
    health: "Progressing",
    message: (w) =>
      `Waiting for rollout to finish: ${w.count("availableReplicas")} out of ${w.desired} new replicas are available...`,
  },
];

/** Status counts as values (0 when omitted), plus `desiredReplicas` from spec.replicas when set. */
function countValues(keys: readonly string[]): (obj: KubeObject) => Record<string, number> {
  return (obj) => {
    const w = new Workload(obj);
    const values: Record<string, number> = {};
    if (w.desired !== undefined) values.desiredReplicas = w.desired;
    for (const key of keys) values[key] = w.count(key);
    return values;
  };
}

type Row = Omit<KindInterpreter, "group">;

const deployment: Row = {
  kind: "Deployment",
  health: firstStep(deploymentSteps),
  values: countValues([
    "replicas",
    "readyReplicas",
    "updatedReplicas",
    "availableReplicas",
    "unavailableReplicas",
  ]),
};
const statefulSet: Row = {
  kind: "StatefulSet",
  health: firstStep(statefulSetSteps),
  values: countValues([
    "replicas",
    "readyReplicas",
    "currentReplicas",
    "updatedReplicas",
    "availableReplicas",
  ]),
};
const daemonSet: Row = {
  kind: "DaemonSet",
  health: firstStep(daemonSetSteps),
  values: countValues([
    "desiredNumberScheduled",
    "currentNumberScheduled",
    "updatedNumberScheduled",
    "numberReady",
    "numberAvailable",
    "numberUnavailable",
    "numberMisscheduled",
  ]),
};
const replicaSet: Row = {
  kind: "ReplicaSet",
  health: firstStep(replicaSetSteps),
  values: countValues(["replicas", "readyReplicas", "availableReplicas", "fullyLabeledReplicas"]),
};

export const appsKinds: KindInterpreter[] = [
  // All versions of the group share a row: apps/v1beta1 and v1beta2 carry the same fields.
  { group: "apps", ...deployment },
  { group: "apps", ...statefulSet },
  { group: "apps", ...daemonSet },
  { group: "apps", ...replicaSet },
  // extensions/v1beta1 served these until Kubernetes 1.16; gitops-engine checked them with the same rules.
  { group: "extensions", ...deployment },
  { group: "extensions", ...daemonSet },
  { group: "extensions", ...replicaSet },
];
