import { defineConfig } from "vitest/config";

/**
 * `npm run test:slow` (called by .ci/run): exhaustive runs too slow for `npm test`: the full Stripe
 * spec generated and compiled, diffed against modified copies and answered by the mock; the seeded
 * fuzz runs (reference, mock of the full Stripe spec); Prism itself (its lifecycle and the whole suite).
 */
export default defineConfig({
  test: {
    include: ["test/slow/**/*.test.ts"],
    testTimeout: 600_000,
    pool: "forks",
    maxWorkers: 2,
  },
});
