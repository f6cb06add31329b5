import { spawn } from "node:child_process";

export interface ProcessRun {
  ms: number;
  /** peak resident set size in bytes, as the child reports it on exit */
  maxRssBytes: number;
  code: number;
  stderr: string;
}

const RSS_REPORTER = new URL("./report-rss.mjs", import.meta.url).pathname;

/** Run a node command in a child process; answer its wall time and peak RSS. Bounded by `timeoutMs`. */
export function runNode(args: string[], options: { cwd: string; timeoutMs: number }): Promise<ProcessRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ["--import", RSS_REPORTER, ...args], { cwd: options.cwd, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      const ms = performance.now() - started;
      const match = /__max_rss_kb=(\d+)/.exec(stderr);
      resolve({ ms, maxRssBytes: match ? Number(match[1]) * 1024 : 0, code: code ?? 2, stderr });
    });
  });
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Run `a` and `b` alternately `rounds` times (A B A B …) so machine noise hits both alike. */
export async function sideBySide<T>(rounds: number, a: () => Promise<T>, b: () => Promise<T>): Promise<{ a: T[]; b: T[] }> {
  const out = { a: [] as T[], b: [] as T[] };
  for (let i = 0; i < rounds; i++) {
    out.a.push(await a());
    out.b.push(await b());
  }
  return out;
}
