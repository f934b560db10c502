import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import type { CloudAssembly } from "aws-cdk-lib/cx-api";
import { buildApp } from "../build-app.ts";
import { FUNCTION_ENTRIES } from "../bundling.ts";

export interface TestSynthesis {
  app: App;
  assembly: CloudAssembly;
  outdir: string;
  /** The primary stack's template. */
  template: Template;
  /** Every stack's template by stack name (replica-region stacks included). */
  templates: Record<string, Template>;
  cleanup(): void;
}

/**
 * Synthesizes the whole app as `cdk synth` would (cdk-nag included), into a temp dir. `bundle: false`
 * skips esbuild (CDK's own switch for that), so the template tests run in seconds; the bundle tests
 * pass `bundle: true`. The primary region is fixed (eu-west-1), so replica settings can be tested.
 */
export function synthForTest(
  options: { bundle?: boolean; context?: Record<string, unknown>; cfnValidation?: boolean } = {},
): TestSynthesis {
  const outdir = mkdtempSync(join(tmpdir(), "status-recorder-cdk-"));
  const app = new App({
    outdir: join(outdir, "cdk.out"),
    // CDK's built-in template validation costs seconds on first use: the stack test keeps it, variants skip it.
    builtinCloudFormationValidation: options.cfnValidation ?? true,
    context: {
      ...(options.bundle ? {} : { "aws:cdk:bundling-stacks": [] }),
      ...options.context,
    },
  });
  const previousRegion = process.env.CDK_DEFAULT_REGION;
  process.env.CDK_DEFAULT_REGION = "eu-west-1";
  try {
    buildApp(app, FUNCTION_ENTRIES);
  } finally {
    if (previousRegion === undefined) delete process.env.CDK_DEFAULT_REGION;
    else process.env.CDK_DEFAULT_REGION = previousRegion;
  }
  const assembly = app.synth();
  const templates = Object.fromEntries(
    assembly.stacks.map((stack) => [stack.stackName, Template.fromJSON(stack.template)]),
  );
  const template = templates.StatusRecorder;
  if (!template) throw new Error("the app has no StatusRecorder stack");
  return {
    app,
    assembly,
    outdir,
    template,
    templates,
    cleanup: () => rmSync(outdir, { recursive: true, force: true }),
  };
}

export interface ValidationReport {
  pluginReports: {
    pluginName: string;
    conclusion: string;
    violations: { ruleName: string; severity: string; violatingConstructs: { constructPath: string }[] }[];
    suppressedViolations?: { ruleName: string; reason?: string; acknowledgedAt?: string }[];
  }[];
}

/** CDK's policy validation report, where cdk-nag v3 records findings and acknowledged ones. */
export function validationReport(synthesis: TestSynthesis): ValidationReport {
  return JSON.parse(readFileSync(join(synthesis.assembly.directory, "validation-report.json"), "utf8"));
}
