import { describe, expect, it } from "vitest";
import { loadFixture } from "../../../test/support/fixtures.ts";
import { interpret } from "../interpret.ts";

const statusFor = (path: string) => interpret(loadFixture(path));

describe("Deployment", () => {
  it("is healthy when every desired replica is updated and available", () => {
    expect(statusFor("deployment/available.yaml").health).toBe("Healthy");
  });

  it("is suspended while paused, whatever the rollout state", () => {
    expect(statusFor("deployment/paused.yaml")).toMatchObject({
      health: "Suspended",
      message: "Deployment is paused",
    });
  });

  it("is progressing while the controller has not observed the latest generation", () => {
    expect(statusFor("deployment/observed-generation-lagging.yaml")).toMatchObject({
      health: "Progressing",
      message: "Waiting for rollout to finish: observed deployment generation less than desired generation",
    });
  });

  it("is progressing when it has no status at all", () => {
    expect(statusFor("deployment/no-status.yaml")).toMatchObject({
      health: "Progressing",
      message: "Waiting for rollout to finish: observed deployment generation less than desired generation",
    });
  });

  it("is degraded once the progress deadline is exceeded", () => {
    expect(statusFor("deployment/progress-deadline-exceeded.yaml")).toMatchObject({
      health: "Degraded",
      message: 'Deployment "payments-worker" exceeded its progress deadline',
    });
  });

  it("counts updated replicas against desired ones during a rolling update", () => {
    expect(statusFor("deployment/rolling-update-in-progress.yaml")).toMatchObject({
      health: "Progressing",
      message: "Waiting for rollout to finish: 1 out of 3 new replicas have been updated...",
    });
  });

  it("waits for updated replicas to become available", () => {
    expect(statusFor("deployment/updated-replicas-not-available.yaml")).toMatchObject({
      health: "Progressing",
      message: "Waiting for rollout to finish: 1 of 2 updated replicas are available...",
    });
  });

  it("is healthy when scaled to zero", () => {
    expect(statusFor("deployment/scaled-to-zero.yaml").health).toBe("Healthy");
  });

  it("is pending deletion once a deletion timestamp is set", () => {
    expect(statusFor("deployment/pending-deletion.yaml")).toMatchObject({
      health: "Progressing",
      message: "Pending deletion",
    });
  });

  it("is read by the same rule under extensions/v1beta1", () => {
    expect(statusFor("deployment/extensions-v1beta1.yaml")).toMatchObject({
      health: "Progressing",
      message: "Waiting for rollout to finish: 0 of 1 updated replicas are available...",
    });
  });

  it("reports desired and observed replica counts as values", () => {
    expect(statusFor("deployment/rolling-update-in-progress.yaml").values).toEqual({
      desiredReplicas: 3,
      replicas: 4,
      readyReplicas: 3,
      updatedReplicas: 1,
      availableReplicas: 3,
      unavailableReplicas: 1,
    });
  });

  it("reports omitted status counts as zero", () => {
    expect(statusFor("deployment/no-status.yaml").values).toMatchObject({
      desiredReplicas: 1,
      readyReplicas: 0,
    });
  });
});

describe("StatefulSet", () => {
  it("is healthy when a rolling update with partition 0 has updated every pod", () => {
    expect(statusFor("statefulset/ready.yaml")).toMatchObject({
      health: "Healthy",
      message: "partitioned roll out complete: 3 new pods have been updated...",
    });
  });

  it("is progressing until its spec is first observed", () => {
    expect(statusFor("statefulset/spec-not-observed.yaml")).toMatchObject({
      health: "Progressing",
      message: "Waiting for statefulset spec update to be observed...",
    });
  });

  it("waits for every desired pod to be ready", () => {
    expect(statusFor("statefulset/pods-not-ready.yaml")).toMatchObject({
      health: "Progressing",
      message: "Waiting for 2 pods to be ready...",
    });
  });

  it("waits for the pods above the partition to be updated", () => {
    expect(statusFor("statefulset/partitioned-rollout.yaml")).toMatchObject({
      health: "Progressing",
      message: "Waiting for partitioned roll out to finish: 1 out of 2 new pods have been updated...",
    });
  });

  it("is healthy once the pods above the partition are updated, though older pods remain", () => {
    expect(statusFor("statefulset/partitioned-rollout-complete.yaml")).toMatchObject({
      health: "Healthy",
      message: "partitioned roll out complete: 2 new pods have been updated...",
    });
  });

  it("is healthy under OnDelete with ready pods, even with pods left on the old revision", () => {
    expect(statusFor("statefulset/ondelete.yaml")).toMatchObject({
      health: "Healthy",
      message: "statefulset has 3 ready pods",
    });
  });

  it("is read by the same rule under apps/v1beta2", () => {
    const sts = { ...loadFixture("statefulset/partitioned-rollout.yaml"), apiVersion: "apps/v1beta2" };
    expect(interpret(sts).health).toBe("Progressing");
  });

  it("reports replica counts as values", () => {
    expect(statusFor("statefulset/partitioned-rollout.yaml").values).toEqual({
      desiredReplicas: 5,
      replicas: 5,
      readyReplicas: 5,
      currentReplicas: 4,
      updatedReplicas: 1,
      availableReplicas: 5,
    });
  });
});

describe("DaemonSet", () => {
  it("is healthy when every scheduled pod is updated and available", () => {
    expect(statusFor("daemonset/all-pods-available.yaml").health).toBe("Healthy");
  });

  it("is progressing while the controller has not observed the latest generation", () => {
    expect(statusFor("daemonset/observed-generation-lagging.yaml")).toMatchObject({
      health: "Progressing",
      message: "Waiting for rollout to finish: observed daemon set generation less than desired generation",
    });
  });

  it("counts updated pods against desired ones during a rollout", () => {
    expect(statusFor("daemonset/rollout-in-progress.yaml")).toMatchObject({
      health: "Progressing",
      message:
        'Waiting for daemon set "fluent-bit" rollout to finish: 2 out of 6 new pods have been updated...',
    });
  });

  it("waits for every scheduled pod to be available", () => {
    expect(statusFor("daemonset/pods-unavailable.yaml")).toMatchObject({
      health: "Progressing",
      message:
        'Waiting for daemon set "node-exporter" rollout to finish: 7 of 8 updated pods are available...',
    });
  });

  it("is healthy under OnDelete with pods left on the old template", () => {
    expect(statusFor("daemonset/ondelete.yaml")).toMatchObject({
      health: "Healthy",
      message: "daemon set 2 out of 5 new pods have been updated",
    });
  });

  it("reports scheduling counts as values", () => {
    expect(statusFor("daemonset/pods-unavailable.yaml").values).toMatchObject({
      desiredNumberScheduled: 8,
      updatedNumberScheduled: 8,
      numberAvailable: 7,
      numberUnavailable: 1,
    });
  });
});

describe("ReplicaSet", () => {
  it("is healthy when every desired replica is available", () => {
    expect(statusFor("replicaset/all-available.yaml").health).toBe("Healthy");
  });

  it("is healthy as an old revision scaled down to zero", () => {
    expect(statusFor("replicaset/old-revision-scaled-down.yaml").health).toBe("Healthy");
  });

  it("is degraded with the controller's message when it cannot create pods", () => {
    expect(statusFor("replicaset/replica-failure-quota.yaml")).toMatchObject({
      health: "Degraded",
      message:
        'pods "ledger-5d7f9b8c6d-x7kqp" is forbidden: exceeded quota: compute-resources, requested: requests.cpu=200m, used: requests.cpu=3800m, limited: requests.cpu=4',
    });
  });

  it("waits for every desired replica to be available", () => {
    expect(statusFor("replicaset/scaling-up.yaml")).toMatchObject({
      health: "Progressing",
      message: "Waiting for rollout to finish: 1 out of 2 new replicas are available...",
    });
  });

  it("is progressing while the controller has not observed the latest generation", () => {
    expect(statusFor("replicaset/observed-generation-lagging.yaml")).toMatchObject({
      health: "Progressing",
      message: "Waiting for rollout to finish: observed replica set generation less than desired generation",
    });
  });
});
