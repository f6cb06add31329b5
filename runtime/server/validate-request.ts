import type { FastifyRequest } from "fastify";
import type { ValidateFunction } from "ajv";
import { issuesFromAjv } from "./issues.js";
import { parseCookieHeader, type ParseOutcome } from "./parse-input.js";
import { ParsedBody, FORM_MEDIA } from "./parsers.js";
import type { IssueLocation, OperationSpec, OperationValidatorSet, RequestIssue } from "./types.js";
import { getOwn, setOwn } from "../shared/own.js";

export interface ValidatedInput {
  params: Record<string, unknown>;
  query: Record<string, unknown>;
  headers: Record<string, unknown>;
  cookies: Record<string, unknown>;
  body: unknown;
  mediaType?: string;
}

export type ValidationOutcome = { ok: true; input: ValidatedInput } | { ok: false; issues: RequestIssue[] };

export interface ValidateOptions {
  op: OperationSpec;
  validators: OperationValidatorSet | undefined;
  /** the query string, parsed once by the route (parseFormString with the server's limits) */
  query: ParseOutcome;
  /** what the route worked out once from the operation (`planRequest`) */
  plan: RequestPlan;
}

/** Per operation, computed once: where path parameters come from and which query names are known. */
export interface RequestPlan {
  /** Fastify param key → spec parameter name */
  pathParams: readonly (readonly [string, string])[];
  /** the declared query names when undeclared ones are to be reported, else undefined */
  knownQuery: ReadonlySet<string> | undefined;
}

export function planRequest(op: OperationSpec, rejectUnknownQuery: boolean): RequestPlan {
  return { pathParams: Object.entries(op.pathParams), knownQuery: rejectUnknownQuery ? new Set(op.queryParams) : undefined };
}

/** Run one validator and collect its issues. */
function check(issues: RequestIssue[], location: IssueLocation, fn: ValidateFunction | undefined, data: unknown): void {
  if (fn && !fn(data)) issues.push(...issuesFromAjv(fn.errors, location, data));
}

/** Parse and validate path, query, headers, cookies and body; values come back coerced (all but JSON bodies). */
export function validateRequest(request: FastifyRequest, options: ValidateOptions): ValidationOutcome {
  const { op, validators } = options;
  const issues: RequestIssue[] = [];
  const params = pathParams(request, options.plan);
  check(issues, "path", validators?.parameters.path, params);
  const query = checkQuery(options, issues);
  if (query) check(issues, "query", validators?.parameters.query, query);
  const headers = declaredHeaders(request, op);
  check(issues, "header", validators?.parameters.header, headers);
  const cookies = declaredCookies(request, op);
  check(issues, "cookie", validators?.parameters.cookie, cookies);
  const body = readBody(request, op, issues);
  if (body && body.value !== undefined && body.mediaType) check(issues, "body", getOwn(validators?.body, body.mediaType), body.value);
  if (issues.length > 0) return { ok: false, issues };
  const input: ValidatedInput = { params, query: query ?? {}, headers, cookies, body: body?.value };
  if (body?.mediaType) input.mediaType = body.mediaType;
  return { ok: true, input };
}

function pathParams(request: FastifyRequest, plan: RequestPlan): Record<string, unknown> {
  const raw = (request.params ?? {}) as Record<string, string>;
  const out: Record<string, unknown> = {};
  for (const [key, name] of plan.pathParams) {
    if (getOwn(raw, key) !== undefined) setOwn(out, name, raw[key]);
  }
  return out;
}

function checkQuery(options: ValidateOptions, issues: RequestIssue[]): Record<string, unknown> | undefined {
  const parsed = options.query;
  if (!parsed.ok) {
    issues.push(parsed.issue);
    return undefined;
  }
  const query = parsed.value as Record<string, unknown>;
  const known = options.plan.knownQuery;
  if (known) {
    const unknown = Object.keys(query).filter((key) => !known.has(key)).sort();
    for (const name of unknown) {
      issues.push({ location: "query", name, kind: "unknown", message: `query '${name}' is not a known parameter` });
    }
  }
  return query;
}

function declaredHeaders(request: FastifyRequest, op: OperationSpec): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of op.headerParams) {
    const value = request.headers[name];
    if (value !== undefined) setOwn(out, name, Array.isArray(value) ? value.join(", ") : value);
  }
  return out;
}

/** The declared cookies the request carries (undeclared ones are not the operation's business). */
function declaredCookies(request: FastifyRequest, op: OperationSpec): Record<string, unknown> {
  if (op.cookieParams.length === 0) return {};
  const sent = parseCookieHeader(request.headers.cookie);
  const out: Record<string, unknown> = {};
  for (const name of op.cookieParams) if (Object.hasOwn(sent, name)) setOwn(out, name, sent[name]);
  return out;
}

function readBody(request: FastifyRequest, op: OperationSpec, issues: RequestIssue[]): { value: unknown; mediaType?: string } | undefined {
  if (!op.body) return undefined;
  const accepted = op.body.mediaTypes;
  const parsed = ParsedBody.is(request.body) ? request.body : undefined;
  let value: unknown;
  let mediaType: string | undefined;
  if (!parsed || parsed.empty) {
    // No body (or an empty one): a form body is then an empty form; other media types have no value.
    mediaType = accepted.includes(FORM_MEDIA) ? FORM_MEDIA : parsed && accepted.includes(parsed.mediaType) ? parsed.mediaType : accepted[0];
    value = mediaType === FORM_MEDIA ? {} : undefined;
  } else if (!accepted.includes(parsed.mediaType)) {
    issues.push({
      location: "header",
      name: "content-type",
      kind: "invalid",
      expected: accepted.join(", "),
      value: parsed.mediaType,
      message: `unsupported media type '${parsed.mediaType || "(none)"}'; expected ${accepted.join(" or ")}`,
    });
    return undefined;
  } else if (!parsed.outcome.ok) {
    issues.push(parsed.outcome.issue);
    return undefined;
  } else {
    mediaType = parsed.mediaType;
    value = parsed.outcome.value;
  }
  if (value === undefined && op.body.required) {
    issues.push({ location: "body", name: "", kind: "missing", message: "a request body is required" });
  }
  return mediaType === undefined ? { value } : { value, mediaType };
}
