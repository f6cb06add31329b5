import type { ContractMeta } from "./case-meta.js";

/** One finished test as the reporter saw it. */
export interface ReportedCase {
  title: string;
  meta?: ContractMeta;
  state: "passed" | "failed" | "not-applicable";
  message?: string;
  durationMs: number;
}

export interface ApiSummary {
  api: string;
  target: string;
  examples: { total: number; replayed: number; passed: number; failed: number; notApplicable: number };
  negative: { total: number; passed: number; failed: number; notApplicable: number };
  fixtures: { total: number; failed: number };
  operations: { covered: number; total: number };
  statuses: { covered: number; total: number };
  timeMs: number;
}

/** Counts per API: examples replayed/passed/failed, operations and status codes covered, time. */
export function summarize(cases: ReportedCase[]): ApiSummary[] {
  const groups = new Map<string, ReportedCase[]>();
  for (const c of cases) {
    const key = c.meta ? `${c.meta.api}\u0000${c.meta.target}` : "(setup)\u0000";
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(c);
  }
  return [...groups.entries()].map(([key, list]) => {
    const [api, target] = key.split("\u0000") as [string, string];
    const of = (kind: string) => list.filter((c) => (c.meta?.kind ?? "example") === kind);
    const count = (l: ReportedCase[], s: ReportedCase["state"]) => l.filter((c) => c.state === s).length;
    const examples = of("example");
    const negative = of("negative");
    const fixtures = of("fixture");
    const passed = list.filter((c) => c.state === "passed" && c.meta);
    const totals = list.find((c) => c.meta)?.meta?.totals;
    const coveredStatuses = new Set(passed.map((c) => `${c.meta!.operationId} ${c.meta!.responseKey ?? c.meta!.status}`).filter((s) => totals?.statuses.includes(s)));
    return {
      api,
      target,
      examples: {
        total: examples.length,
        replayed: examples.length - count(examples, "not-applicable"),
        passed: count(examples, "passed"),
        failed: count(examples, "failed"),
        notApplicable: count(examples, "not-applicable"),
      },
      negative: { total: negative.length, passed: count(negative, "passed"), failed: count(negative, "failed"), notApplicable: count(negative, "not-applicable") },
      fixtures: { total: fixtures.length, failed: count(fixtures, "failed") },
      operations: { covered: new Set(passed.map((c) => c.meta!.operationId)).size, total: totals?.operations ?? 0 },
      statuses: { covered: coveredStatuses.size, total: totals?.statuses.length ?? 0 },
      timeMs: list.reduce((sum, c) => sum + c.durationMs, 0),
    };
  });
}

/** A fixed-width table, one row per API. */
export function formatSummary(rows: ApiSummary[], wallMs: number): string {
  const header = ["API", "target", "examples", "passed", "failed", "n/a", "negative", "operations", "statuses", "time"];
  const body = rows.map((r) => [
    r.api,
    r.target,
    String(r.examples.replayed),
    String(r.examples.passed),
    String(r.examples.failed),
    String(r.examples.notApplicable + r.negative.notApplicable),
    `${r.negative.passed}/${r.negative.total - r.negative.notApplicable}`,
    `${r.operations.covered}/${r.operations.total}`,
    `${r.statuses.covered}/${r.statuses.total}`,
    `${(r.timeMs / 1000).toFixed(2)} s`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  const failed = rows.reduce((n, r) => n + r.examples.failed + r.negative.failed + r.fixtures.failed, 0);
  const verdict = failed === 0 ? "all contract checks passed" : `${failed} case(s) failed`;
  return [line(header), ...body.map(line), "", `${verdict} in ${(wallMs / 1000).toFixed(2)} s`].join("\n");
}
