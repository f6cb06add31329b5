import { defineConfig } from "vitest/config";

/** `npm run test:slow` (called by .ci/run): exhaustive runs too slow for `npm test`, e.g. the full Stripe spec generated and compiled. */
export default defineConfig({
  test: {
    include: ["test/slow/**/*.test.ts"],
    testTimeout: 600_000,
    pool: "forks",
    maxWorkers: 1,
  },
});
