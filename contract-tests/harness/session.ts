import type { Agent } from "undici";
import { Bindings } from "./bindings.js";
import { checkResponse } from "./checks.js";
import { secretForms } from "./format.js";
import { buildRequest, createAgent, describeSent, sendRequest, type HttpRequest } from "./http.js";
import type { LoadedApi } from "./load-api.js";
import { planCases } from "./plan.js";
import type { ApiConfig, CaseResult, ContractCase, Failure, TargetKind } from "./types.js";

export interface SessionOptions {
  api: LoadedApi;
  baseUrl: string;
  target: TargetKind;
  apiKey: string;
  /** per request; a slower answer is a failure of that case */
  timeoutMs: number;
}

/**
 * One replay of an API's suite against one target. Cases run in the order of `cases`; ids learnt
 * from links carry over from one case to the next.
 */
export class ContractSession {
  readonly cases: ContractCase[];
  private readonly bindings: Bindings;
  private readonly agent: Agent;

  constructor(private readonly options: SessionOptions) {
    this.cases = planCases(options.api, options.target);
    this.bindings = new Bindings(options.api.model);
    this.agent = createAgent(options.timeoutMs);
  }

  /** Secrets to scrub from anything printed or written. */
  get secrets(): string[] {
    return secretForms(this.options.apiKey);
  }

  async run(testCase: ContractCase): Promise<CaseResult> {
    const started = performance.now();
    const done = (partial: Omit<CaseResult, "case" | "durationMs">): CaseResult => ({
      case: testCase,
      durationMs: Math.round(performance.now() - started),
      ...partial,
    });
    if (testCase.notApplicable) return done({ state: "not-applicable", failures: [], notes: [testCase.notApplicable] });
    const { api } = this.options;
    const operation = api.model.operations.find((o) => o.operationId === testCase.operationId);
    if (!operation) return done({ state: "failed", failures: [{ check: "transport", message: `operation ${testCase.operationId} is not in model.json` }], notes: [] });
    const { example } = testCase;
    const substituted = this.bindings.apply(example);
    let request: HttpRequest;
    try {
      request = buildRequest({
        baseUrl: this.options.baseUrl,
        operation,
        params: substituted.params,
        ...(example.request.mediaType ? { mediaType: example.request.mediaType } : {}),
        body: substituted.body,
        headers: this.headersFor(example.auth),
      });
    } catch (error) {
      return done({ state: "failed", failures: [{ check: "transport", message: `cannot encode the example's request: ${(error as Error).message}` }], notes: [] });
    }
    const sent = describeSent(request);
    const notes = [...substituted.notes.map((n) => `substituted ${n}`), ...(testCase.skipChecks ?? []).map((s) => `not checked: ${s.reason}`)];
    const outcome = await sendRequest(this.agent, request, this.options.timeoutMs);
    if (!outcome.ok) return done({ state: "failed", request: sent, failures: [{ check: "transport", message: outcome.message }], notes });
    const skip = new Set((testCase.skipChecks ?? []).map((s) => s.check));
    const checked = checkResponse({
      api,
      operation,
      example,
      expectStatuses: testCase.expectStatuses,
      status: outcome.status,
      headers: outcome.headers,
      text: outcome.text,
      replaced: substituted.replaced,
      checkEchoes: testCase.kind !== "negative" && !skip.has("echo"),
    });
    const failures: Failure[] = checked.failures.filter((f) => !skip.has(f.check));
    if (testCase.kind !== "negative" && checked.responseKey !== undefined && checked.body !== undefined) {
      this.bindings.record(example, checked.body);
    }
    const responseKey = checked.responseKey !== undefined ? { responseKey: checked.responseKey } : {};
    return done({ state: failures.length ? "failed" : "passed", request: sent, status: outcome.status, ...responseKey, failures, notes });
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  private headersFor(auth: "valid" | "none" | "invalid"): Record<string, string> {
    const { config, model } = this.options.api;
    const headers: Record<string, string> = {};
    if (config.versionHeader) headers[config.versionHeader.toLowerCase()] = model.version;
    if (auth === "none") return headers;
    const key = auth === "invalid" ? config.auth.invalidKey : this.options.apiKey;
    headers.authorization = authorization(config.auth.scheme, key);
    return headers;
  }
}

export function authorization(scheme: ApiConfig["auth"]["scheme"], key: string): string {
  if (scheme === "bearer") return `Bearer ${key}`;
  if (scheme === "basic-raw") return `Basic ${key}`;
  return `Basic ${Buffer.from(`${key}:`).toString("base64")}`;
}
