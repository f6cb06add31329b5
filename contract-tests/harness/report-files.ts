import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { escapeControl } from "./format.js";
import type { ApiSummary, ReportedCase } from "./summary.js";

/** JUnit XML: one testsuite per API and target, one testcase per case; n/a cases are <skipped>. */
export function renderJunit(cases: ReportedCase[], summaries: ApiSummary[]): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', "<testsuites name=\"spec-contract\">"];
  for (const s of summaries) {
    const list = cases.filter((c) => (c.meta?.api ?? "(setup)") === s.api && (c.meta?.target ?? "") === s.target);
    const failures = list.filter((c) => c.state === "failed").length;
    const skipped = list.filter((c) => c.state === "not-applicable").length;
    out.push(`  <testsuite name="${xml(`${s.api} @ ${s.target}`)}" tests="${list.length}" failures="${failures}" skipped="${skipped}" time="${(s.timeMs / 1000).toFixed(3)}">`);
    for (const c of list) {
      const open = `    <testcase classname="${xml(s.api)}" name="${xml(c.title)}" time="${(c.durationMs / 1000).toFixed(3)}"`;
      if (c.state === "passed") out.push(`${open}/>`);
      else if (c.state === "not-applicable") out.push(`${open}><skipped message="${xml(c.message ?? "")}"/></testcase>`);
      else out.push(`${open}><failure message="${xml(firstLine(c.message))}">${xml(c.message ?? "")}</failure></testcase>`);
    }
    out.push("  </testsuite>");
  }
  out.push("</testsuites>", "");
  return out.join("\n");
}

export function renderJson(cases: ReportedCase[], summaries: ApiSummary[], wallMs: number): string {
  const report = {
    summary: summaries,
    timeMs: wallMs,
    cases: cases.map((c) => ({
      api: c.meta?.api,
      target: c.meta?.target,
      title: escapeControl(c.title),
      kind: c.meta?.kind,
      state: c.state,
      expectedStatus: c.meta?.expected,
      status: c.meta?.status,
      durationMs: c.durationMs,
      ...(c.message ? { message: escapeControl(c.message) } : {}),
    })),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}

export async function writeReport(file: string, text: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, text);
}

function firstLine(text: string | undefined): string {
  return (text ?? "").split("\n").find((l) => l.includes("✗")) ?? (text ?? "").split("\n")[0] ?? "";
}

/** Attribute- and text-safe: control characters (not allowed in XML 1.0) escaped visibly first. */
function xml(text: string): string {
  return escapeControl(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
