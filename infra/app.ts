import { existsSync } from "node:fs";
import { App } from "aws-cdk-lib";
import { buildApp } from "./build-app.ts";
import { FUNCTION_ENTRIES } from "./bundling.ts";
import { directRunContext, directRunOutdir } from "./direct-run.ts";

// The CDK app. `npm run synth` runs this file directly (tsx) and writes infra/cdk.out; a CDK CLI that
// reads this aws-cdk-lib's assembly (infra/README.md) runs it through infra/cdk.json for diff and deploy.
// The read function is built separately: until functions/read.ts exists, synthesis leaves it out with
// a warning instead of failing. The tests synthesize the full stack with a stub entry in a temp dir.
const readEntry = existsSync(FUNCTION_ENTRIES.read) ? FUNCTION_ENTRIES.read : undefined;
if (readEntry === undefined)
  console.warn("warning: functions/read.ts does not exist yet; synthesizing without the read function");

const app = new App({ outdir: directRunOutdir(), context: directRunContext(process.argv.slice(2)) });
buildApp(app, { ingest: FUNCTION_ENTRIES.ingest, read: readEntry });
app.synth();
