import { configDefaults, defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/** The project's type check (test/typecheck.test.ts) is the longest file by far: it starts first, so the other worker runs everything else beside it. */
class TypecheckFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const first = (f: TestSpecification) => f.moduleId.endsWith("/test/typecheck.test.ts");
    return [...sorted.filter(first), ...sorted.filter((f) => !first(f))];
  }
}

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
    sequence: { sequencer: TypecheckFirst },
    reporters: process.env.CI ? ["default"] : ["default"],
  },
});
