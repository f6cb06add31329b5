export interface BenchRow {
  name: string;
  ratio: number;
  target: number;
  better: "lower" | "higher";
  detail: string;
  /** set when the row could not be measured here (a baseline missing on this machine): why */
  skipped?: string;
}

export function meetsTarget(row: BenchRow): boolean {
  return row.better === "lower" ? row.ratio <= row.target : row.ratio >= row.target;
}

/** A plain table for the terminal. */
export function formatTable(rows: BenchRow[]): string {
  const header = ["benchmark", "ratio", "target", "met", "detail"];
  const body = rows.map((r) => [
    r.name,
    r.ratio.toFixed(2),
    `${r.better === "lower" ? "≤" : "≥"} ${r.target}`,
    r.skipped !== undefined ? "skipped" : meetsTarget(r) ? "yes" : "NO",
    r.detail,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...body.map(line)].join("\n");
}
