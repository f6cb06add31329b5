/** One operation call: build the request, send it with timeout and retries, decode the answer. */
import { encodeBody, expandPath, ParameterError, queryPairs, serializePairs, type Pair } from "./encode.js";
import { responseKeyFor } from "../shared/index.js";
import { ApiError, ConnectionError, TimeoutError, UnexpectedResponseError, type CallContext } from "./errors.js";
import { parseRetryAfter, retryDelay, shouldRetry, sleep } from "./retry.js";
import { checkResponse, type ValidatorLoader } from "./validate.js";
import type { ApiSpec, ClientOptions, OperationSpec, RequestOptions } from "./types.js";

export interface CallInput {
  operationId: string;
  pathValues: readonly unknown[];
  // `| undefined`: a user's tsconfig may set exactOptionalPropertyTypes
  params?: Record<string, unknown> | undefined;
  options?: RequestOptions | undefined;
}

export type Caller = (input: CallInput) => Promise<unknown>;

interface Prepared {
  context: CallContext;
  init: { method: string; headers: Record<string, string>; body?: string | FormData };
}

/** The function every generated method ends in. */
export function createCaller(api: ApiSpec, options: ClientOptions, loadValidators?: ValidatorLoader): Caller {
  if (typeof options?.baseUrl !== "string" || options.baseUrl === "") throw new ParameterError("baseUrl", "required client option is missing");
  const fetchImpl = options.fetch ?? globalThis.fetch;
  return async (input) => {
    const spec = api.operations[input.operationId];
    if (!spec) throw new ParameterError("operationId", `unknown operation ${input.operationId}`);
    const prepared = prepareRequest(api, options, spec, input);
    const response = await sendWithRetries(fetchImpl, prepared, {
      timeoutMs: input.options?.timeoutMs ?? options.timeoutMs ?? 30_000,
      maxRetries: input.options?.maxRetries ?? options.maxRetries ?? 2,
      retry: options.retry,
      signal: input.options?.signal,
    });
    const body = parseBody(response.text, response.headers);
    if (response.status >= 200 && response.status < 300) expectDocumentedJson(spec, prepared.context, response, body);
    if (options.validateResponses && loadValidators) {
      await checkResponse({ loader: loadValidators, context: prepared.context, status: response.status, headers: response.headers, body });
    }
    if (response.status >= 200 && response.status < 300) return body;
    // The error body is typed from the spec's JSON error schemas: anything else stays in rawBody only.
    const errorBody = typeof body === "string" ? undefined : body;
    throw new ApiError({ ...prepared.context, status: response.status, body: errorBody, rawBody: response.text, headers: response.headers });
  };
}

function prepareRequest(api: ApiSpec, options: ClientOptions, spec: OperationSpec, input: CallInput): Prepared {
  const params = input.params ?? {};
  if (typeof params !== "object" || params === null || Array.isArray(params)) throw new ParameterError("params", "expected an object");
  const queryNames = new Set(spec.query.map((q) => q.name));
  const sendsBody = spec.body !== undefined && spec.method !== "get" && spec.method !== "head";
  const pairs: Pair[] = [];
  const bodyFields: Record<string, unknown> = {};
  for (const q of spec.query) {
    if (params[q.name] === undefined && q.required) throw new ParameterError(q.name, "required query parameter is missing");
    pairs.push(...queryPairs(q, params[q.name]));
  }
  const knownBody = spec.bodyFields && new Set(spec.bodyFields);
  for (const [key, value] of Object.entries(params)) {
    if (queryNames.has(key)) continue;
    if (!sendsBody || (knownBody && !knownBody.has(key))) throw new ParameterError(key, `unknown parameter for ${input.operationId}`);
    bodyFields[key] = value;
  }
  const headers: Record<string, string> = { accept: "application/json", ...authHeaders(api, options, pairs) };
  const version = input.options?.apiVersion ?? options.apiVersion ?? api.version;
  if (api.versionHeader && version) headers[api.versionHeader.toLowerCase()] = version;
  let body: string | FormData | undefined;
  if (sendsBody) {
    const encoded = encodeBody(spec.body!, bodyFields);
    body = encoded.body;
    if (encoded.contentType) headers["content-type"] = encoded.contentType;
  }
  // Generated once per call, so every retry of this POST carries the same key.
  if (spec.method === "post") headers["idempotency-key"] = input.options?.idempotencyKey ?? globalThis.crypto.randomUUID();
  for (const [k, v] of Object.entries({ ...options.headers, ...input.options?.headers })) headers[k.toLowerCase()] = v;
  const query = pairs.length > 0 ? `?${serializePairs(pairs)}` : "";
  const url = `${options.baseUrl.replace(/\/+$/, "")}${expandPath(spec.path, spec.pathParams, input.pathValues)}${query}`;
  const method = spec.method.toUpperCase();
  return { context: { operationId: input.operationId, method: spec.method, url }, init: body === undefined ? { method, headers } : { method, headers, body } };
}

/** Bearer when the API accepts it, else Basic with the key as user name, else the apiKey header or query. */
function authHeaders(api: ApiSpec, options: ClientOptions, query: Pair[]): Record<string, string> {
  const key = options.apiKey;
  if (!key) return {};
  const http = (scheme: string) => api.security.find((s) => s.type === "http" && s.scheme?.toLowerCase() === scheme);
  if (http("bearer")) return { authorization: `Bearer ${key}` };
  if (http("basic")) return { authorization: `Basic ${utf8Base64(`${key}:`)}` };
  const apiKey = api.security.find((s) => s.type === "apiKey" && s.parameterName);
  if (apiKey?.in === "header") return { [apiKey.parameterName!.toLowerCase()]: key };
  if (apiKey?.in === "query") query.push([apiKey.parameterName!, key]);
  if (apiKey) return {};
  return { authorization: `Bearer ${key}` };
}

interface SendOptions {
  timeoutMs: number;
  maxRetries: number;
  retry: ClientOptions["retry"];
  signal?: AbortSignal | undefined;
}

interface Received {
  status: number;
  headers: Headers;
  text: string;
}

async function sendWithRetries(fetchImpl: typeof fetch, prepared: Prepared, options: SendOptions): Promise<Received> {
  for (let attempt = 1; ; attempt++) {
    const canRetry = attempt <= options.maxRetries;
    let received: Received;
    try {
      received = await sendOnce(fetchImpl, prepared, options);
    } catch (error) {
      if (options.signal?.aborted) throw options.signal.reason;
      if (canRetry) {
        await sleep(retryDelay(attempt, undefined, options.retry), options.signal);
        continue;
      }
      if (error instanceof AttemptTimeout) throw new TimeoutError(prepared.context, attempt, options.timeoutMs);
      throw new ConnectionError(prepared.context, attempt, { cause: error });
    }
    if (!canRetry || !shouldRetry(received.status, received.headers)) return received;
    const retryAfter = parseRetryAfter(received.headers.get("retry-after"));
    await sleep(retryDelay(attempt, retryAfter, options.retry), options.signal);
  }
}

class AttemptTimeout extends Error {}

/** One attempt; the timeout covers the headers and the whole body. */
async function sendOnce(fetchImpl: typeof fetch, prepared: Prepared, options: SendOptions): Promise<Received> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new AttemptTimeout()), options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([controller.signal, options.signal]) : controller.signal;
  try {
    const response = await fetchImpl(prepared.context.url, { ...prepared.init, signal });
    return { status: response.status, headers: response.headers, text: await response.text() };
  } catch (error) {
    if (controller.signal.aborted) throw controller.signal.reason;
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/** The JSON the spec documents for this 2xx status was not what arrived (HTML, empty, malformed): throw, never resolve it. */
function expectDocumentedJson(spec: OperationSpec, context: CallContext, response: Received, body: unknown): void {
  const key = responseKeyFor(Object.keys(spec.responses), response.status);
  const documented = key === undefined ? [] : (spec.responses[key] ?? []);
  const json = documented.filter(isJsonMedia);
  if (json.length === 0 || documented.length > json.length) return;
  if (isJsonMedia(response.headers.get("content-type") ?? "") && body !== undefined) return;
  throw new UnexpectedResponseError(context, { status: response.status, rawBody: response.text, headers: response.headers, expected: json });
}

/** The test parseBody decodes by, and the client's types pick a response's JSON media type by. */
function isJsonMedia(mediaType: string): boolean {
  return /json/i.test(mediaType);
}

function parseBody(text: string, headers: Headers): unknown {
  if (text === "") return undefined;
  if (!isJsonMedia(headers.get("content-type") ?? "")) return text;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Base64 of the text's UTF-8 bytes, with web APIs only (no Buffer: the client needs no Node types). */
function utf8Base64(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}
