import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type BundlingOptions, OutputFormat } from "aws-cdk-lib/aws-lambda-nodejs";

/** The repository root: entries, package-lock.json and tsconfig.json are found from here. */
export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

export const FUNCTION_ENTRIES = {
  ingest: join(PROJECT_ROOT, "functions/ingest.ts"),
  read: join(PROJECT_ROOT, "functions/read.ts"),
} as const;

/**
 * The AWS SDK credential providers that the SDK imports lazily, only when no credentials are in the
 * environment. Lambda always puts the role's credentials there, so these never load in a function;
 * leaving them out of the bundle saves about a quarter of its size. Should one ever be reached, the
 * nodejs22.x runtime's own copy of the SDK provides it.
 */
export const LAZY_SDK_MODULES = [
  "@aws-sdk/credential-provider-http",
  "@aws-sdk/credential-provider-ini",
  "@aws-sdk/credential-provider-process",
  "@aws-sdk/credential-provider-sso",
  "@aws-sdk/credential-provider-web-identity",
  "@smithy/credential-provider-imds",
];

/**
 * How both functions are bundled (and measured, in infra/bundles.test.ts and bench/functions-bench.ts).
 * ESM, because the ingest entry file awaits its dependencies at the top level (the sealing key is fetched
 * once at cold start); the banner gives bundled CommonJS code the `require` ESM lacks. The SDK clients are
 * bundled rather than taken from the runtime: tree-shaken into one file they load in about half the
 * time, and the function runs the SDK version the tests ran, not whichever one the runtime ships.
 */
export const FUNCTION_BUNDLING: BundlingOptions = {
  format: OutputFormat.ESM,
  target: "node22",
  minify: true,
  // No keepNames: it costs 31 KB and ~10 ms of cold start. Our errors set `name` themselves, which is
  // what the error mapper and the logs rely on.
  keepNames: false,
  sourceMap: false,
  // ESM builds of the SDK and zod tree-shake far better than their CommonJS ones.
  mainFields: ["module", "main"],
  banner:
    "import{createRequire as __srCreateRequire}from'node:module';const require=__srCreateRequire(import.meta.url);",
  externalModules: LAZY_SDK_MODULES,
  // Never Docker: bundling runs the esbuild from devDependencies (see assertLocalEsbuild).
  forceDockerBundling: false,
};

/**
 * NodejsFunction silently falls back to bundling in Docker when it cannot find esbuild. No Docker is
 * wanted (or available in CI), so a missing esbuild is an error that says what to do.
 */
export function assertLocalEsbuild(): void {
  try {
    createRequire(join(PROJECT_ROOT, "package.json")).resolve("esbuild");
  } catch (error) {
    throw new Error(
      "esbuild is not installed: run `npm ci` (it is a devDependency); bundling never uses Docker",
      {
        cause: error,
      },
    );
  }
}
