import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

// When the CDK CLI runs the app it passes context and the output directory in the environment. Run
// directly (`npm run synth`), the app does the CLI's part: context from infra/cdk.json, then any
// `-c key=value` arguments, and output to infra/cdk.out.
const INFRA = dirname(fileURLToPath(import.meta.url));
const underCli = () => process.env.CDK_CONTEXT_JSON !== undefined || process.env.CDK_OUTDIR !== undefined;

export function directRunOutdir(): string | undefined {
  return underCli() ? undefined : join(INFRA, "cdk.out");
}

export function directRunContext(args: readonly string[]): Record<string, unknown> | undefined {
  if (underCli()) return undefined;
  const cdkJson = JSON.parse(readFileSync(join(INFRA, "cdk.json"), "utf8")) as { context?: object };
  const context: Record<string, unknown> = { ...cdkJson.context };
  for (let i = 0; i < args.length; i++) {
    const flag = args[i];
    if (flag !== "-c" && flag !== "--context") throw new Error(`unknown argument ${flag}: only -c key=value`);
    const pair = args[++i] ?? "";
    const eq = pair.indexOf("=");
    if (eq < 1) throw new Error(`-c needs key=value, got ${JSON.stringify(pair)}`);
    context[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return context;
}
