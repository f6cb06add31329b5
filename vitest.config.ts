import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // slow, exhaustive runs: `npm run test:slow` (vitest.slow.config.ts), called by .ci/run
    exclude: [...configDefaults.exclude, "test/slow/**"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    isolate: false,
    maxWorkers: 2,
    reporters: process.env.CI ? ["default"] : ["default"],
  },
});
