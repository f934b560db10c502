import { App } from "aws-cdk-lib";
import { buildApp } from "./build-app.ts";
import { FUNCTION_ENTRIES } from "./bundling.ts";
import { directRunContext, directRunOutdir } from "./direct-run.ts";

// The CDK app. `npm run synth` runs this file directly (tsx) and writes infra/cdk.out; a CDK CLI that
// reads this aws-cdk-lib's assembly (infra/README.md) runs it through infra/cdk.json for diff and deploy.
const app = new App({ outdir: directRunOutdir(), context: directRunContext(process.argv.slice(2)) });
buildApp(app, FUNCTION_ENTRIES);
app.synth();
