import { describe, expect, it } from "vitest";
import { loadFixture } from "../../../test/support/fixtures.ts";
import { interpret } from "../interpret.ts";

const statusFor = (path: string) => interpret(loadFixture(path));

describe("Job", () => {
  it("is progressing while its pod runs", () => {
    expect(statusFor("job/running.yaml").health).toBe("Progressing");
  });

  it("is progressing before the controller has written any status", () => {
    expect(statusFor("job/just-created.yaml").health).toBe("Progressing");
  });

  it("is healthy once complete, with the Complete condition's message", () => {
    expect(statusFor("job/complete.yaml")).toMatchObject({
      health: "Healthy",
      message: "Reached expected number of succeeded pods",
    });
  });

  it("is degraded when the backoff limit is exceeded", () => {
    expect(statusFor("job/backoff-limit-exceeded.yaml")).toMatchObject({
      health: "Degraded",
      message: "Job has reached the specified backoff limit",
    });
  });

  it("is suspended while suspended", () => {
    expect(statusFor("job/suspended.yaml")).toMatchObject({ health: "Suspended", message: "Job suspended" });
  });

  it("is healthy once resumed, as upstream counts any Suspended condition as finished", () => {
    expect(statusFor("job/resumed-running.yaml")).toMatchObject({
      health: "Healthy",
      message: "Job resumed",
    });
  });

  it("is still progressing on FailureTarget alone, until Failed is set", () => {
    expect(statusFor("job/deadline-exceeded-terminating-pods.yaml").health).toBe("Progressing");
  });

  it("reports active, succeeded and failed pods as values", () => {
    expect(statusFor("job/backoff-limit-exceeded.yaml").values).toEqual({
      active: 0,
      succeeded: 0,
      failed: 3,
    });
  });
});

describe("CronJob", () => {
  it("is healthy when its last run succeeded", () => {
    expect(statusFor("cronjob/last-run-succeeded.yaml")).toMatchObject({
      health: "Healthy",
      message: "CronJob has completed its last execution successfully",
    });
  });

  it("is degraded when its last run did not succeed", () => {
    expect(statusFor("cronjob/last-run-failed.yaml")).toMatchObject({
      health: "Degraded",
      message: "CronJob has not completed its last execution successfully",
    });
  });

  it("is healthy while a job runs, as status cannot tell how the last one ended", () => {
    expect(statusFor("cronjob/active-job.yaml")).toMatchObject({
      health: "Healthy",
      message: "The job is running. Its last execution may not have been successful",
    });
  });

  it("is healthy when scheduled but never successful yet", () => {
    expect(statusFor("cronjob/never-succeeded.yaml")).toMatchObject({
      health: "Healthy",
      message: "The CronJob never completed successfully. It may not be healthy",
    });
  });

  it("is healthy before its first schedule", () => {
    expect(statusFor("cronjob/never-scheduled.yaml")).toMatchObject({
      health: "Healthy",
      message: "CronJob has not been scheduled yet",
    });
  });

  it("is healthy when suspended, as Argo CD reports it", () => {
    expect(statusFor("cronjob/suspended.yaml")).toMatchObject({
      health: "Healthy",
      message: "CronJob is Suspended",
    });
  });

  it("is progressing when it has no status at all", () => {
    expect(statusFor("cronjob/no-status.yaml")).toMatchObject({
      health: "Progressing",
      message: "Waiting for CronJob",
    });
  });

  it("reports active jobs and schedule times in unix seconds as values", () => {
    expect(statusFor("cronjob/active-job.yaml").values).toEqual({
      activeJobs: 1,
      lastScheduleTime: Date.parse("2025-06-06T12:00:00Z") / 1000,
      lastSuccessfulTime: Date.parse("2025-06-06T06:41:17Z") / 1000,
    });
  });
});
