import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { compileMetricFamilies } from "../src/config/compile-metrics.ts";
import type { MetricFamilyConfig } from "../src/config/metric-family-schema.ts";
import { interpret } from "../src/interpret/interpret.ts";
import { customFamilySpec } from "../src/metrics/custom-families.ts";
import { evaluateMetricInputs, withMetricInputs } from "../src/metrics/custom-inputs.ts";
import { MetricsCache } from "../src/metrics/metrics-cache.ts";
import { clusterRecord, storedFromObject } from "../src/metrics/testing/stored-object.ts";
import { allFixtures } from "./support/fixtures.ts";

// The whole exposition (every fixture object interpreted, custom families of each type, a live and a stale
// cluster) through Prometheus' own linter. promtool comes from the Debian `prometheus` package; CI installs it.

const CUSTOM: MetricFamilyConfig[] = [
  {
    name: "deployment_spec_replicas",
    help: "Replicas a Deployment asks for.",
    type: "gauge",
    apiVersion: "apps/v1",
    kind: "Deployment",
    value: "has(object.spec.replicas) ? double(object.spec.replicas) : 1.0",
    labels: { strategy: 'has(object.spec.strategy) ? object.spec.strategy.type : ""' },
  },
  {
    name: "pod_phase",
    help: "Phase of a Pod.",
    type: "stateSet",
    kind: "Pod",
    state: 'has(status.phase) ? status.phase : "Unknown"',
    states: ["Pending", "Running", "Succeeded", "Failed", "Unknown"],
    labels: {},
  },
  {
    name: "certificate",
    help: 'Certificates and their "common name".',
    type: "info",
    kind: "Certificate",
    labels: { common_name: 'has(object.spec.commonName) ? object.spec.commonName : ""' },
  },
];

// The names DESIGN.md fixes are what users already alert on (the machine-config-operator's own); promtool's
// naming advice about them is expected, anything else is a finding.
const ACCEPTED_LINT = /^mco_\w+_count non-histogram and non-summary metrics should not have "_count" suffix$/;

const BUILT_IN_FAMILIES = [
  "status_recorder_object_health",
  "status_recorder_object_last_transition_timestamp_seconds",
  "status_recorder_object_transitions_total",
  "status_recorder_cluster_last_seen_timestamp_seconds",
  "status_recorder_cluster_up",
  "argocd_application_controller_status",
  "argocd_applicationset_controller_status",
  "argocd_server_status",
  "argocd_repo_server_status",
  "argocd_notifications_controller_status",
  "argocd_dex_status",
  "argocd_redis_status",
  "argocd_phase",
  "mco_machine_count",
  "mco_updated_machine_count",
  "mco_degraded_machine_count",
  "mco_unavailable_machine_count",
  "mco_ready_machine_count",
  "mco_state",
  "keptn_metric_value",
];
const CUSTOM_FAMILIES = ["deployment_spec_replicas", "pod_phase", "certificate_info"];

function fullExposition(): string {
  const compiled = compileMetricFamilies(CUSTOM);
  const cache = new MetricsCache({ staleAfterMs: 300_000, customFamilies: CUSTOM.map(customFamilySpec) });
  allFixtures().forEach(({ object }, i) => {
    const status = interpret(object);
    const withInputs = withMetricInputs(status, evaluateMetricInputs(compiled, object, status));
    cache.upsert(storedFromObject(object, withInputs, { cluster: `cluster-${i % 3}`, transitions: i }));
  });
  const now = Date.parse("2025-03-01T10:10:00Z");
  cache.setClusters(
    [
      clusterRecord("cluster-0", "2025-03-01T10:09:30Z"),
      clusterRecord("cluster-1", "2025-03-01T09:00:00Z"),
      clusterRecord("cluster-2"),
    ],
    now,
  );
  return cache.render({ format: "text" });
}

const promtool = spawnSync("promtool", ["--version"], { encoding: "utf8" });
const available = promtool.error === undefined && promtool.status === 0;
const title = available
  ? "promtool check metrics accepts the full exposition"
  : "promtool check metrics accepts the full exposition (SKIPPED: promtool not found on PATH; apt-get install prometheus)";

describe("the /metrics exposition", () => {
  it("carries every built-in and custom family", () => {
    const text = fullExposition();

    for (const name of [...BUILT_IN_FAMILIES, ...CUSTOM_FAMILIES]) expect(text).toContain(`\n${name}{`);
  });

  it("never repeats a series, which promtool does not check", () => {
    const series = fullExposition()
      .split("\n")
      .filter((line) => line !== "" && !line.startsWith("#"))
      .map((line) => line.slice(0, line.lastIndexOf(" ")));

    expect(new Set(series).size).toBe(series.length);
  });

  it.skipIf(!available)(title, () => {
    const result = spawnSync("promtool", ["check", "metrics"], { input: fullExposition(), encoding: "utf8" });

    const problems = `${result.stdout}\n${result.stderr}`
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line !== "" && !ACCEPTED_LINT.test(line));
    expect(problems).toEqual([]);
    // 0: clean; 3: lint findings only (all of them accepted above); anything else is a parse error.
    expect([0, 3]).toContain(result.status);
  });
});
