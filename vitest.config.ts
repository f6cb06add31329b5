import { configDefaults, defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * Files that take seconds, longest first: contract runs, the files that spawn or build a program,
 * and the project's type check (one native TypeScript check over everything). Vitest orders files by their last
 * durations once it has them; on a fresh clone it has none, and a long file started last would
 * leave the other worker idle at the end.
 */
const LONG_FIRST = [
  "test/harness/cli.test.ts",
  "test/generator/lang-js.test.ts",
  "test/typecheck.test.ts",
  "test/generator/watch.test.ts",
  "test/generator/cli.test.ts",
  "test/mock/contract.test.ts",
  "test/harness/broken-servers.test.ts",
  "test/security/hostile-text.test.ts",
  "test/reference/bounds.test.ts",
];

class LongFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification) => {
      const i = LONG_FIRST.findIndex((name) => f.moduleId.endsWith(`/${name}`));
      return i < 0 ? LONG_FIRST.length : i;
    };
    return sorted.map((f, i) => ({ f, i })).sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i).map(({ f }) => f);
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
    // A larger young generation: the TypeScript program and the generator allocate a lot of
    // short-lived objects, and fewer scavenges cut the suite's CPU time by 6-10 % on 2 cores
    // (measured side by side; the biggest worker peaks at about 1.2 GB).
    execArgv: ["--max-semi-space-size=128"],
    sequence: { sequencer: LongFirst },
    reporters: process.env.CI ? ["default"] : ["default"],
  },
});
