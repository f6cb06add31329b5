import { Agent, request } from "undici";
import { encodeForm, queryPairs, serializePairs } from "../../runtime/client/encode.js";
import type { OperationJson, SentRequest } from "./types.js";

export interface HttpRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  mediaType?: string;
}

export type HttpOutcome =
  | { ok: true; status: number; headers: Record<string, string>; text: string; durationMs: number; truncated?: { limit: number } }
  | { ok: false; message: string; durationMs: number };

/** Build the URL, headers and body of one call from an example's (substituted) request. */
export function buildRequest(input: {
  baseUrl: string;
  operation: OperationJson;
  params: Record<"path" | "query" | "header" | "cookie", Record<string, unknown>>;
  mediaType?: string;
  body?: unknown;
  headers: Record<string, string>;
}): HttpRequest {
  const { operation, params } = input;
  const path = operation.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(String(params.path[name] ?? "")));
  const query = serializeQuery(operation, params.query);
  const url = `${input.baseUrl.replace(/\/$/, "")}${path}${query ? `?${query}` : ""}`;
  const headers: Record<string, string> = { accept: "application/json", ...input.headers };
  for (const [name, value] of Object.entries(params.header)) headers[name.toLowerCase()] = String(value);
  const out: HttpRequest = { method: operation.method.toUpperCase(), url, headers };
  if (input.body !== undefined && input.mediaType) {
    out.mediaType = input.mediaType;
    out.body = encodeBody(input.mediaType, input.body);
    headers["content-type"] = input.mediaType;
  }
  return out;
}

/**
 * The body as the generated client would send it: form bodies through the client runtime's bracket
 * encoder (keys percent-encoded, arrays of objects indexed), anything else as JSON.
 */
export function encodeBody(mediaType: string, body: unknown): string {
  if (mediaType === "application/x-www-form-urlencoded") {
    if (body === null || typeof body !== "object" || Array.isArray(body)) throw new TypeError(`a form body must be an object of fields, got ${JSON.stringify(body)}`);
    return encodeForm(body as Record<string, unknown>);
  }
  return JSON.stringify(body);
}

/** The query string per each parameter's style and explode (deepObject in bracket notation), via the client runtime. */
function serializeQuery(operation: OperationJson, query: Record<string, unknown>): string {
  const pairs = Object.entries(query).flatMap(([name, value]) => {
    const param = operation.parameters.find((p) => p.in === "query" && p.name === name);
    const style = param?.style ?? "form";
    return queryPairs({ name, style, explode: param?.explode ?? style === "form", required: param?.required ?? false }, value);
  });
  return serializePairs(pairs);
}

/** Send with a hard time limit; every failure (refused, reset, timeout) comes back as a message, never a throw. */
/** Default byte cap per response body (`--max-response-bytes`). */
export const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

export async function sendRequest(agent: Agent, req: HttpRequest, timeoutMs: number, maxBytes = DEFAULT_MAX_RESPONSE_BYTES): Promise<HttpOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const response = await request(req.url, {
      method: req.method as "GET",
      headers: req.headers,
      body: req.body,
      dispatcher: agent,
      signal: AbortSignal.timeout(timeoutMs),
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    const { text, truncated } = await readCapped(response.body, maxBytes);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(response.headers)) if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : v;
    return { ok: true, status: response.statusCode, headers, text, durationMs: elapsed(), ...(truncated ? { truncated: { limit: maxBytes } } : {}) };
  } catch (error) {
    return { ok: false, message: describeTransportError(error, req.url, timeoutMs), durationMs: elapsed() };
  }
}

/** Read at most `maxBytes` of a body; beyond that stop reading and close the connection. Bytes decode as UTF-8 (invalid ones become U+FFFD). */
async function readCapped(body: AsyncIterable<Buffer> & { destroy(error?: Error): unknown }, maxBytes: number): Promise<{ text: string; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  for await (const chunk of body) {
    if (size + chunk.length > maxBytes) {
      chunks.push(chunk.subarray(0, maxBytes - size));
      truncated = true;
      break;
    }
    chunks.push(chunk);
    size += chunk.length;
  }
  if (truncated) body.destroy();
  return { text: new TextDecoder("utf-8").decode(Buffer.concat(chunks)), truncated };
}

export function describeTransportError(error: unknown, url: string, timeoutMs: number): string {
  const e = error as { name?: string; code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = e.code ?? e.cause?.code;
  const origin = new URL(url).origin;
  if (e.name === "TimeoutError" || e.name === "AbortError" || code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT") {
    return `timeout: no complete answer from ${origin} within ${timeoutMs} ms`;
  }
  if (code === "ECONNREFUSED") return `target unreachable: connection refused by ${origin}`;
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return `target unreachable: cannot resolve ${new URL(url).hostname}`;
  if (code === "UND_ERR_SOCKET" || code === "ECONNRESET" || code === "EPIPE") {
    return `connection closed: ${origin} closed the socket before answering (${e.message ?? code})`;
  }
  if (code === "UND_ERR_CONNECT_TIMEOUT") return `target unreachable: connecting to ${origin} timed out`;
  return `request failed: ${e.message ?? String(error)}${code ? ` (${code})` : ""}`;
}

export function createAgent(timeoutMs: number): Agent {
  return new Agent({ connect: { timeout: timeoutMs }, keepAliveTimeout: 2_000, keepAliveMaxTimeout: 5_000 });
}

export function describeSent(req: HttpRequest): SentRequest {
  return { method: req.method, url: req.url, ...(req.mediaType ? { mediaType: req.mediaType } : {}), ...(req.body !== undefined ? { body: req.body } : {}) };
}
