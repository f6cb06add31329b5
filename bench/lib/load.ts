import autocannon from "autocannon";

export interface LoadRequest {
  method: "GET" | "POST";
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface LoadResult {
  /** 2xx responses per second (failures do not count) */
  rps: number;
  /** 99th percentile latency in ms, over every response */
  p99: number;
  ok: number;
  /** non-2xx responses */
  non2xx: number;
  /** connection errors and timeouts */
  errors: number;
  /** CPU µs the server process spent per response (2xx or not), when the caller could read it; NaN otherwise */
  cpuPerRequest: number;
}

export interface LoadOptions {
  seconds: number;
  connections: number;
}

/**
 * autocannon against one URL for a fixed duration; answers throughput, p99 and what failed. With
 * `cpuMicros` (the server process's CPU time so far), also the server's CPU µs per response.
 */
export async function loadTest(baseUrl: string, request: LoadRequest, options: LoadOptions, cpuMicros?: () => number): Promise<LoadResult> {
  const cpuBefore = cpuMicros ? cpuMicros() : Number.NaN;
  const result = await autocannon({
    url: `${baseUrl}${request.path}`,
    method: request.method,
    headers: request.headers,
    ...(request.body !== undefined ? { body: request.body } : {}),
    connections: options.connections,
    pipelining: 1,
    duration: options.seconds,
    timeout: 10,
  });
  const cpuUsed = cpuMicros ? cpuMicros() - cpuBefore : Number.NaN;
  const ok = result["2xx"];
  const answered = ok + result.non2xx;
  const cpuPerRequest = answered > 0 ? cpuUsed / answered : Number.NaN;
  return { rps: ok / result.duration, p99: result.latency.p99, ok, non2xx: result.non2xx, errors: result.errors, cpuPerRequest };
}

/** Share of attempts that did not get a 2xx. */
export function failureShare(r: LoadResult): number {
  const attempts = r.ok + r.non2xx + r.errors;
  return attempts === 0 ? 1 : (r.non2xx + r.errors) / attempts;
}

/** Run every function in turn, `rounds` times over (A B C A B C …), so machine noise hits all alike. */
export async function rotate<T>(rounds: number, fns: (() => Promise<T>)[]): Promise<T[][]> {
  const out = fns.map(() => [] as T[]);
  for (let i = 0; i < rounds; i++) {
    for (const [index, fn] of fns.entries()) out[index]!.push(await fn());
  }
  return out;
}

/**
 * Sum the counts of several runs; rps and p99 are the medians (of two runs: their mean). CPU per
 * request is the lowest of the runs: other processes on a shared machine only ever add to it (cache
 * and scheduler disturbance), so the least disturbed run is the closest to the server's own cost.
 */
export function combine(runs: LoadResult[], median: (values: number[]) => number): LoadResult {
  return {
    rps: median(runs.map((r) => r.rps)),
    p99: median(runs.map((r) => r.p99)),
    ok: runs.reduce((n, r) => n + r.ok, 0),
    non2xx: runs.reduce((n, r) => n + r.non2xx, 0),
    errors: runs.reduce((n, r) => n + r.errors, 0),
    cpuPerRequest: Math.min(...runs.map((r) => r.cpuPerRequest)),
  };
}
