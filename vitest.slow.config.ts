import { defineConfig } from "vitest/config";

/** `npm run test:slow` (called by .ci/run): exhaustive runs too slow for `npm test`, the full Stripe spec generated and compiled, the seeded fuzz runs (reference, mock of the full Stripe spec) and the whole suite against Prism. */
export default defineConfig({
  test: {
    include: ["test/slow/**/*.test.ts"],
    testTimeout: 600_000,
    pool: "forks",
    maxWorkers: 2,
  },
});
