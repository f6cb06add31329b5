import type { Reporter, SerializedError, TestCase, TestModule } from "vitest/node";
import type { ContractMeta } from "./define-suite.js";
import { redact } from "./format.js";
import { renderJson, renderJunit, writeReport } from "./report-files.js";
import { formatSummary, summarize, type ReportedCase } from "./summary.js";

export interface ContractReporterOptions {
  out: (s: string) => void;
  err: (s: string) => void;
  junitFile?: string;
  jsonFile?: string;
  /** scrubbed from everything printed or written */
  secrets: string[];
}

/**
 * The CLI's vitest reporter: one line per test as it finishes (failures with their report),
 * then the summary table; JUnit and JSON files on request.
 */
export class ContractReporter implements Reporter {
  readonly cases: ReportedCase[] = [];
  /** errors outside any test: a suite that failed to load, an unhandled rejection */
  readonly runErrors: string[] = [];
  private started = performance.now();
  private currentGroup = "";

  constructor(private readonly options: ContractReporterOptions) {}

  onInit(): void {
    this.started = performance.now();
  }

  onTestCaseResult(testCase: TestCase): void {
    const result = testCase.result();
    const meta = (testCase.meta() as { contract?: ContractMeta }).contract;
    const durationMs = meta?.durationMs ?? Math.round(testCase.diagnostic()?.duration ?? 0);
    const group = testCase.parent.type === "suite" ? testCase.parent.name : testCase.module.moduleId;
    if (group !== this.currentGroup) {
      this.currentGroup = group;
      this.options.out(`\n${group}`);
    }
    const safe = (s: string) => redact(s, this.options.secrets);
    if (result.state === "passed") {
      this.cases.push({ title: testCase.name, ...(meta ? { meta } : {}), state: "passed", durationMs });
      this.options.out(`  ✓ ${testCase.name}  ${durationMs} ms`);
    } else if (result.state === "skipped") {
      const message = safe(result.note ?? "skipped");
      this.cases.push({ title: testCase.name, ...(meta ? { meta } : {}), state: "not-applicable", message, durationMs });
      this.options.out(`  – ${testCase.name}  ${message}`);
    } else if (result.state === "failed") {
      const message = safe((result.errors ?? []).map((e) => e.message).join("\n") || "failed");
      this.cases.push({ title: testCase.name, ...(meta ? { meta } : {}), state: "failed", message, durationMs });
      const text = message.startsWith(testCase.name) ? message : `${testCase.name}\n  ${message}`;
      this.options.out(`  ✗ ${text.split("\n").join("\n    ")}`);
    }
  }

  async onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>): Promise<void> {
    for (const module of testModules) {
      for (const error of module.errors()) this.runErrors.push(redact(`${module.moduleId}: ${error.message}`, this.options.secrets));
    }
    for (const error of unhandledErrors) this.runErrors.push(redact(`unhandled error: ${error.message}`, this.options.secrets));
    for (const error of this.runErrors) this.options.err(`spec-contract test: ${error}`);
    const wallMs = performance.now() - this.started;
    const summaries = summarize(this.cases);
    this.options.out(`\n${formatSummary(summaries, wallMs)}`);
    if (this.options.junitFile) await writeReport(this.options.junitFile, renderJunit(this.cases, summaries));
    if (this.options.jsonFile) await writeReport(this.options.jsonFile, renderJson(this.cases, summaries, wallMs));
  }

  get failed(): number {
    return this.cases.filter((c) => c.state === "failed").length + this.runErrors.length;
  }
}
