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
  /** CPU µs the server process spent per 2xx response (what failed only adds to it), when the caller could read it; NaN otherwise */
  cpuPerRequest: number;
}

export interface LoadOptions {
  seconds: number;
  connections: number;
}

/**
 * autocannon against one URL for a fixed duration; answers throughput, p99 and what failed. Several
 * requests are sent in turn on every connection (autocannon's `requests`). With `cpuMicros` (the
 * server process's CPU time so far), also the server's CPU µs per 2xx answer.
 */
export async function loadTest(
  baseUrl: string,
  request: LoadRequest | readonly LoadRequest[],
  options: LoadOptions,
  cpuMicros?: () => number,
): Promise<LoadResult> {
  const requests = Array.isArray(request) ? (request as readonly LoadRequest[]) : [request as LoadRequest];
  const first = requests[0]!;
  const cpuBefore = cpuMicros ? cpuMicros() : Number.NaN;
  const result = await autocannon({
    url: `${baseUrl}${first.path}`,
    method: first.method,
    headers: first.headers,
    ...(first.body !== undefined ? { body: first.body } : {}),
    ...(requests.length > 1 ? { requests: requests.map((r) => ({ method: r.method, path: r.path, headers: r.headers, ...(r.body !== undefined ? { body: r.body } : {}) })) } : {}),
    connections: options.connections,
    pipelining: 1,
    duration: options.seconds,
    timeout: 10,
  });
  const cpuUsed = cpuMicros ? cpuMicros() - cpuBefore : Number.NaN;
  const ok = result["2xx"];
  // Per 2xx answer: a failed request is not one the row claims to measure (failures are reported apart).
  const cpuPerRequest = ok > 0 ? cpuUsed / ok : Number.NaN;
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
