import { existsSync } from "node:fs";
import { type App, Validations } from "aws-cdk-lib";
import { AwsSolutionsChecks } from "cdk-nag";
import { ReadReplicaStack } from "./read-replica-stack.ts";
import { readSettings } from "./settings.ts";
import { type FunctionEntries, StatusRecorderStack } from "./stack.ts";

/**
 * Builds the whole deployment into `app`: the primary stack, and one read stack per replica region.
 * Settings come from CDK context (infra/cdk.json, `-c key=value`); the region from the CLI's environment.
 */
export function buildApp(app: App, entries: FunctionEntries): StatusRecorderStack {
  assertEntriesExist(entries);
  // CDK checks every template against CloudFormation's resource schemas offline; make its findings errors.
  app.node.setContext("@aws-cdk/core:validateAgainstDefaultRules", true);
  const settings = readSettings((key) => app.node.tryGetContext(key));
  const account = process.env.CDK_DEFAULT_ACCOUNT;
  const region = process.env.CDK_DEFAULT_REGION ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
  if (settings.replicaRegions.length > 0 && !region)
    throw new Error("replicaRegions needs a known primary region: set AWS_REGION or a profile with one");

  const primary = new StatusRecorderStack(app, "StatusRecorder", {
    settings,
    entries,
    env: { account, region },
    description: "status-recorder: status table, ingest and read functions, alarms",
  });
  for (const replicaRegion of settings.replicaRegions) {
    const replica = new ReadReplicaStack(app, `StatusRecorderRead-${replicaRegion}`, {
      settings,
      readEntry: entries.read,
      env: { account, region: replicaRegion },
      description: `status-recorder: read function reading the ${replicaRegion} table replica`,
    });
    // The replica only exists once the primary stack has added it to the global table.
    replica.addStackDependency(primary);
  }
  // cdk-nag's AWS Solutions rules run on every synthesis; a finding fails it. The few findings we accept
  // are acknowledged beside the resource they concern, each with its reason.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return primary;
}

/** A missing entry fails synthesis up front, naming the file, before any construct is built. */
function assertEntriesExist(entries: FunctionEntries): void {
  for (const [name, entry] of Object.entries(entries)) {
    if (!existsSync(entry)) throw new Error(`the ${name} function's entry file ${entry} does not exist`);
  }
}
