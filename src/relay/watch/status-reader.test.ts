import { expect, test } from "vitest";
import { loadFixture } from "../../../test/support/fixtures.ts";
import { validateConfig } from "../../config/index.ts";
import { recordingLogger } from "../transport/testing/recording-logger.ts";
import { createStatusReader } from "./status-reader.ts";

const config = (doc: unknown) => validateConfig(doc, "test");
const crashing = loadFixture("pod/crashloopbackoff.yaml");

test("reads the built-in status when the config has no rules or metrics", () => {
  expect(createStatusReader(config({}))(crashing)).toMatchObject({ health: "Degraded", kstatus: "Failed" });
});

test("merges custom metric families into the status, so their changes are transitions", () => {
  const read = createStatusReader(
    config({
      metrics: [
        {
          name: "pod_restarts",
          help: "Restarts of a pod's containers.",
          type: "gauge",
          kind: "Pod",
          value: "values.restarts",
          labels: { node: "object.spec.nodeName" },
        },
      ],
    }),
  );

  const status = read(crashing);

  expect(status.values).toMatchObject({ restarts: 6, "metric:pod_restarts": 6 });
  expect(status.components).toMatchObject({
    "metric:pod_restarts:node": "ip-10-0-51-203.eu-west-1.compute.internal",
  });
});

test("applies config rules to kinds without a built-in row", () => {
  const read = createStatusReader(
    config({ rules: [{ apiVersion: "example.com/v1", kind: "Widget", health: '"Suspended"' }] }),
  );
  expect(read({ apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "w" } }).health).toBe(
    "Suspended",
  );
});

test("reports a failing metric expression once, not for every object", () => {
  const log = recordingLogger();
  const read = createStatusReader(
    config({
      metrics: [
        { name: "broken", help: "Fails.", type: "gauge", kind: "Pod", value: "object.status.nope + 1.0" },
      ],
    }),
    { log },
  );

  read(crashing);
  read(crashing);

  expect(log.lines.filter((l) => l.msg === "custom metric not evaluated")).toHaveLength(1);
});
