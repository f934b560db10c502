import { join } from "node:path";
import { App } from "aws-cdk-lib";
import { describe, expect, it } from "vitest";
import { buildApp } from "./build-app.ts";
import { FUNCTION_ENTRIES, PROJECT_ROOT } from "./bundling.ts";

describe("buildApp", () => {
  it("fails synthesis naming the function entry file that does not exist", () => {
    const missing = join(PROJECT_ROOT, "functions/missing-read.ts");

    expect(() => buildApp(new App(), { ...FUNCTION_ENTRIES, read: missing })).toThrow(
      `the read function's entry file ${missing} does not exist`,
    );
  });
});
