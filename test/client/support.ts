/** Test support for the client: a generated fixture client on disk, and small recording HTTP servers. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { IncomingHttpHeaders, ServerResponse } from "node:http";
import { startTestServer } from "../helpers/test-server.js";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { generate } from "../../generator/index.js";
import { PROJECT_ROOT } from "../helpers/run-cli.js";

export interface GeneratedClient {
  dir: string;
  /** the generated client.ts module (typed loosely: its types are checked in type-checks.ts) */
  module: { createClient: (options: Record<string, unknown>) => any; api: any; isApiError: (e: unknown) => boolean; UnexpectedResponseError: new (...args: never[]) => Error };
  remove(): void;
}

/** Generate a spec into a .scratch-client-test-* folder (inside the project, so the generated code resolves node_modules and the package itself) and import its client. */
export async function generateClient(spec: string): Promise<GeneratedClient> {
  const dir = mkdtempSync(join(PROJECT_ROOT, ".scratch-client-test-"));
  const result = await generate({ targets: [{ spec, out: dir }], cwd: PROJECT_ROOT });
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0 || result.apis.length !== 1) throw new Error(`generate failed: ${JSON.stringify(errors)}`);
  for (const [path, content] of result.apis[0]!.files) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  const module = await import(pathToFileURL(join(dir, "client.ts")).href);
  return { dir, module, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface Recorded {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface TestServer {
  url: string;
  requests: Recorded[];
  close(): Promise<void>;
}

export type Handler = (request: Recorded, response: ServerResponse, index: number) => void;

/** A node:http server on 127.0.0.1:0 that records every request; a handler that never answers is allowed. */
export async function startServer(handler: Handler): Promise<TestServer> {
  const requests: Recorded[] = [];
  const server = await startTestServer((req, res, body) => {
    const recorded = { method: req.method ?? "", url: new URL(req.url ?? "/", "http://127.0.0.1"), headers: req.headers, body };
    requests.push(recorded);
    handler(recorded, res, requests.length - 1);
  });
  return { ...server, requests };
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

interface OperationShape {
  method: string;
  path: string;
}

/**
 * A fetch that records which operations got a 2xx answer, matched by method and path template, so a
 * test can prove it covered every operation of an API (independently of the client's own tables).
 */
export function coverageFetch(operations: Record<string, OperationShape>): { fetch: typeof fetch; covered: Set<string> } {
  const covered = new Set<string>();
  const matchers = Object.entries(operations).map(([id, op]) => ({
    id,
    method: op.method.toUpperCase(),
    pattern: new RegExp(`^${op.path.replace(/\{[^}]+\}/g, "[^/]+")}$`),
  }));
  const recording: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    const url = new URL(String(input));
    const match = matchers.find((m) => m.method === (init?.method ?? "GET") && m.pattern.test(url.pathname));
    if (match && response.ok) covered.add(match.id);
    return response;
  };
  return { fetch: recording, covered };
}
