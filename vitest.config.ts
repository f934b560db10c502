import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts", "functions/**/*.test.ts", "infra/**/*.test.ts"],
    testTimeout: 30_000,
  },
});
