import { build } from "esbuild";
import { FUNCTION_BUNDLING, PROJECT_ROOT } from "../bundling.ts";

/**
 * What a function bundle is made of, largest first, in KB per package (or per source folder): rebuilt
 * with esbuild's metafile under the options CDK bundles with, to explain a bundle over budget.
 */
export async function bundleComposition(entry: string, top = 6): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    absWorkingDir: PROJECT_ROOT,
    bundle: true,
    platform: "node",
    format: "esm",
    target: FUNCTION_BUNDLING.target ?? "node22",
    minify: FUNCTION_BUNDLING.minify ?? false,
    keepNames: FUNCTION_BUNDLING.keepNames ?? false,
    mainFields: FUNCTION_BUNDLING.mainFields ?? [],
    external: FUNCTION_BUNDLING.externalModules ?? [],
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const bytes = new Map<string, number>();
  for (const output of Object.values(result.metafile.outputs)) {
    for (const [file, { bytesInOutput }] of Object.entries(output.inputs)) {
      const pkg =
        /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1] ?? file.split("/").slice(0, 2).join("/");
      bytes.set(pkg, (bytes.get(pkg) ?? 0) + bytesInOutput);
    }
  }
  return [...bytes]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, size]) => `${name} ${Math.round(size / 1024)} KB`)
    .join(", ");
}
