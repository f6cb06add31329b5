import type { Agent } from "undici";
import { chooseScheme, credentialsFor } from "./auth.js";
import { Bindings } from "./bindings.js";
import { checkResponse } from "./checks.js";
import { cleanupCallFor, createdObject, type CreatedObject } from "./cleanup.js";
import { redact, redactCut, secretForms } from "./format.js";
import { buildRequest, createAgent, DEFAULT_MAX_RESPONSE_BYTES, describeSent, sendRequest, type HttpRequest } from "./http.js";
import type { LoadedApi } from "./load-api.js";
import { planCases } from "./plan.js";
import type { CaseResult, ContractCase, Failure, OperationJson, TargetKind } from "./types.js";
import { UniqueValues } from "./unique.js";

export interface SessionOptions {
  api: LoadedApi;
  baseUrl: string;
  target: TargetKind;
  apiKey: string;
  /** per request; a slower answer is a failure of that case */
  timeoutMs: number;
  /** sent with every request after the config's headers (`--header`) */
  headers?: Record<string, string>;
  /** a response body is read up to this many bytes */
  maxResponseBytes?: number;
  /** the per-run suffix of unique values (default: random) */
  uniqueSuffix?: string;
  /** the cases to run (default: the whole plan) */
  cases?: ContractCase[];
}

const SECRET_HEADER = /authorization|cookie|key|token|secret|password/i;

/**
 * One replay of an API's suite against one target. Cases run in the order of `cases`; ids learnt
 * from links carry over from one case to the next; `cleanup()` removes what the run created.
 */
export class ContractSession {
  readonly cases: ContractCase[];
  readonly unique: UniqueValues;
  private readonly bindings: Bindings;
  private readonly agent: Agent;
  private readonly created: CreatedObject[] = [];
  private readonly scheme;

  constructor(private readonly options: SessionOptions) {
    this.cases = options.cases ?? planCases(options.api, options.target);
    this.bindings = new Bindings(options.api.model);
    this.agent = createAgent(options.timeoutMs);
    this.unique = new UniqueValues(options.api.model, options.api.examples, options.api.config.unique ?? [], options.uniqueSuffix);
    this.scheme = chooseScheme(options.api.model, options.api.config.auth?.scheme);
  }

  /** Secrets to scrub from anything printed or written: every form of the key, and secret-looking header values. */
  get secrets(): string[] {
    const headers = { ...this.options.api.config.headers, ...this.options.headers };
    const fromHeaders = Object.entries(headers).filter(([name]) => SECRET_HEADER.test(name)).flatMap(([, v]) => secretForms(v));
    return [...secretForms(this.options.apiKey), ...fromHeaders];
  }

  async run(testCase: ContractCase): Promise<CaseResult> {
    const started = performance.now();
    const done = (partial: Omit<CaseResult, "case" | "durationMs">): CaseResult => ({ case: testCase, durationMs: Math.round(performance.now() - started), ...partial });
    if (testCase.notApplicable) return done({ state: "not-applicable", failures: [], notes: [testCase.notApplicable] });
    const { api } = this.options;
    const operation = api.model.operations.find((o) => o.operationId === testCase.operationId);
    if (!operation) return done({ state: "failed", failures: [{ check: "transport", message: `operation ${testCase.operationId} is not in the spec` }], notes: [] });
    const { example } = testCase;
    const substituted = this.bindings.apply(example);
    const params = this.unique.apply(substituted.params, substituted.replaced);
    const body = this.unique.apply(substituted.body, substituted.replaced);
    let request: HttpRequest;
    try {
      request = this.build(operation, params, example.request.mediaType, body, example.auth);
    } catch (error) {
      return done({ state: "failed", failures: [{ check: "transport", message: `cannot encode the example's request: ${(error as Error).message}` }], notes: [] });
    }
    const sent = describeSent(request);
    const notes = [...substituted.notes.map((n) => `substituted ${n}`), ...(testCase.skipChecks ?? []).map((s) => `not checked: ${s.reason}`)];
    const outcome = await sendRequest(this.agent, request, this.options.timeoutMs, this.maxBytes);
    if (!outcome.ok) return done({ state: "failed", request: sent, failures: [{ check: "transport", message: outcome.message }], notes });
    // Secrets go before anything is cut (snippets, the byte cap) or printed.
    const text = outcome.truncated ? redactCut(outcome.text, this.secrets) : redact(outcome.text, this.secrets);
    if (outcome.truncated) {
      const limit = outcome.truncated.limit;
      return done({ state: "failed", request: sent, status: outcome.status, failures: [{ check: "transport", message: `response body larger than ${limit} bytes (--max-response-bytes): stopped reading`, details: [`body starts: ${text.slice(0, 200)}`] }], notes });
    }
    const skip = new Set((testCase.skipChecks ?? []).map((s) => s.check));
    const checked = checkResponse({
      api,
      operation,
      example,
      expectStatuses: testCase.expectStatuses,
      status: outcome.status,
      headers: outcome.headers,
      text,
      replaced: substituted.replaced,
      checkEchoes: testCase.kind !== "negative" && !skip.has("echo"),
    });
    const failures: Failure[] = checked.failures.filter((f) => !skip.has(f.check));
    if (testCase.kind !== "negative" && checked.responseKey !== undefined && checked.body !== undefined) {
      this.bindings.record(example, checked.body);
    }
    const made = createdObject(operation, outcome.status, checked.body);
    if (made) this.created.push(made);
    const responseKey = checked.responseKey !== undefined ? { responseKey: checked.responseKey } : {};
    return done({ state: failures.length ? "failed" : "passed", request: sent, status: outcome.status, ...responseKey, failures, notes });
  }

  /**
   * Delete (or deactivate) what the run created, newest first, where the spec has an operation
   * for it. Answers one line per object it could not remove; never throws.
   */
  async cleanup(): Promise<{ removed: number; problems: string[] }> {
    const problems: string[] = [];
    let removed = 0;
    for (const made of [...this.created].reverse()) {
      const call = cleanupCallFor(this.options.api, made);
      if (!call) continue;
      try {
        const request = this.build(call.operation, { path: call.pathParams, query: {}, header: {}, cookie: {} }, call.mediaType, call.body, "valid");
        const outcome = await sendRequest(this.agent, request, this.options.timeoutMs, this.maxBytes);
        if (outcome.ok && outcome.status >= 200 && outcome.status < 300) removed++;
        // a case of the suite already deleted it: nothing left to clean up
        else if (outcome.ok && (outcome.status === 404 || outcome.status === 410) && call.action === "delete") continue;
        else problems.push(`cannot ${call.action} ${made.id} (${call.operation.operationId}): ${outcome.ok ? `status ${outcome.status}` : outcome.message}`);
      } catch (error) {
        problems.push(`cannot ${call.action} ${made.id}: ${(error as Error).message}`);
      }
    }
    this.created.length = 0;
    return { removed, problems: problems.map((p) => redact(p, this.secrets)) };
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  private get maxBytes(): number {
    return this.options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  }

  private build(
    operation: OperationJson,
    params: Record<"path" | "query" | "header" | "cookie", Record<string, unknown>>,
    mediaType: string | undefined,
    body: unknown,
    auth: "valid" | "none" | "invalid",
  ): HttpRequest {
    const { config } = this.options.api;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries({ ...config.headers, ...this.options.headers })) headers[name.toLowerCase()] = value;
    let query = params.query;
    if (auth !== "none") {
      const key = auth === "invalid" ? (config.auth?.invalidKey ?? "invalid-key") : this.options.apiKey;
      const credentials = credentialsFor(this.scheme, operation, key);
      Object.assign(headers, credentials.headers);
      query = { ...query, ...credentials.query };
    }
    return buildRequest({
      baseUrl: this.options.baseUrl,
      operation,
      params: { ...params, query },
      ...(mediaType ? { mediaType } : {}),
      body,
      headers,
    });
  }
}
