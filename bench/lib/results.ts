export interface BenchRow {
  name: string;
  ratio: number;
  target: number;
  better: "lower" | "higher";
  detail: string;
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
    meetsTarget(r) ? "yes" : "NO",
    r.detail,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...body.map(line)].join("\n");
}
