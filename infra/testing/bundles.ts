import { execFile } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { PROJECT_ROOT } from "../bundling.ts";
import { synthForTest } from "./synth.ts";

export interface FunctionBundle {
  name: "ingest" | "read";
  /** The bundle CDK built, copied where its few lazy SDK imports resolve to node_modules. */
  file: string;
  bytes: number;
}

const DESCRIPTIONS = { ingest: "status-recorder ingest", read: "status-recorder read" } as const;

/**
 * Bundles both functions exactly as a deployment does: a CDK synthesis with bundling on, reading each
 * function's asset back from the cloud assembly. Slow (esbuild and CDK): call once per test file.
 */
export function bundleFunctions(): { bundles: FunctionBundle[]; cleanup(): void } {
  const synthesis = synthForTest({ bundle: true, cfnValidation: false });
  const dir = join(PROJECT_ROOT, "node_modules/.cache/status-recorder-bundles", String(process.pid));
  try {
    const functions = Object.values(synthesis.template.findResources("AWS::Lambda::Function"));
    const bundles = (Object.keys(DESCRIPTIONS) as FunctionBundle["name"][]).map((name) => {
      const fn = functions.find((f) => String(f.Properties.Description).startsWith(DESCRIPTIONS[name]));
      const key = String(fn?.Properties.Code.S3Key ?? "");
      const assetDir = join(synthesis.assembly.directory, `asset.${key.replace(/\.zip$/, "")}`);
      const files = readdirSync(assetDir);
      if (files.join() !== "index.mjs")
        throw new Error(`${name}: expected only index.mjs, got ${files.join(", ")}`);
      const file = join(dir, name, "index.mjs");
      mkdirSync(join(dir, name), { recursive: true });
      copyFileSync(join(assetDir, "index.mjs"), file);
      return { name, file, bytes: statSync(file).size };
    });
    return { bundles, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
  } finally {
    synthesis.cleanup();
  }
}

/**
 * Environment a bundle needs to load: a local key, so nothing is fetched from AWS. A bundle that reads
 * the table at cold start (the read function loads the fleet config) also needs DYNAMODB_ENDPOINT.
 */
export const BUNDLE_ENV = {
  TABLE_NAME: "status-recorder",
  SEALING_KEY: "00".repeat(32),
  AWS_REGION: "eu-west-1",
  AWS_ACCESS_KEY_ID: "local",
  AWS_SECRET_ACCESS_KEY: "local",
};

const run = promisify(execFile);

/**
 * Milliseconds a fresh Node process takes to import a module (a bundle's cold init, less Node's own
 * start), measured inside that process. A bundle must export `handler`.
 */
export async function importMillis(
  file: string,
  options: { handler: boolean; env?: Record<string, string> } = { handler: true },
): Promise<number> {
  const check = options.handler
    ? `if (typeof m.handler !== "function") throw new Error("no handler export");`
    : "";
  const script = `const t = performance.now(); const m = await import(${JSON.stringify(file)});
${check}
console.log(performance.now() - t);`;
  const { stdout } = await run(process.execPath, ["--input-type=module", "-e", script], {
    env: { PATH: process.env.PATH ?? "", ...BUNDLE_ENV, ...options.env },
  });
  return Number(stdout.trim());
}
