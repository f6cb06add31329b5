import type { OperationModel } from "../generator/model/types.js";
import type { HandlerResponse, RequestIssue } from "../runtime/server/types.js";
import type { MockDefinition } from "./mock-spec.js";
import { responseKeyFor } from "../runtime/shared/responses.js";
import { pickMedia, type Answers } from "./answers.js";

const MESSAGE_KEYS = ["message", "detail", "error_description", "title", "description", "error", "msg"];
const ISSUE_KEYS = ["issues", "errors", "details", "violations"];
/** Fields that name the refused parameter (Stripe's `error.param`): they get the first issue's name. */
const PARAM_KEYS = ["param", "parameter", "field"];

/**
 * An error answer (400 for a bad request, 401 for missing credentials, 404 for an unknown id) in the spec's documented error
 * schema for that status (exact, NXX, then default) when it has one: data generated from the schema, its
 * message-like string fields filled with what went wrong, kept only when the result still validates.
 * Without a documented schema: `{ message, issues }`.
 */
export function errorAnswer(
  input: { answers: Answers; definition: MockDefinition; op: OperationModel },
  status: number,
  problem: { message: string; issues?: RequestIssue[] },
): HandlerResponse {
  const { answers, definition, op } = input;
  const plain = { status, body: { message: problem.message, ...(problem.issues ? { issues: problem.issues } : {}) } };
  const key = responseKeyFor(
    op.responses.map((r) => r.status),
    status,
  );
  const response = key ? op.responses.find((r) => r.status === key) : undefined;
  const media = response ? pickMedia(response) : undefined;
  if (!key || !media) return plain;
  const validate = definition.validators[op.operationId]?.responses[key]?.[media.mediaType];
  const generated = answers.generate(op, key, media.mediaType);
  if (generated === undefined || !validate) return plain;
  const candidates = [fillMessage(structuredClone(generated), problem), fillMessage(structuredClone(generated), { message: problem.message }), generated];
  const body = candidates.find((c) => validate(c));
  const headers = answers.headers(op, response!);
  return body === undefined ? plain : { status, body, mediaType: media.mediaType, ...(headers ? { headers } : {}) };
}

/** Put the message into message-like string fields and the issues into issue-like arrays, up to two levels down. */
function fillMessage(value: unknown, problem: { message: string; issues?: RequestIssue[] }, depth = 0): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value) || depth > 2) return value;
  const record = value as Record<string, unknown>;
  let filled = false;
  for (const key of MESSAGE_KEYS) {
    if (!filled && typeof record[key] === "string") {
      record[key] = problem.message;
      filled = true;
    }
  }
  for (const key of ISSUE_KEYS) {
    if (Array.isArray(record[key]) && problem.issues) record[key] = problem.issues.slice(0, 20);
  }
  const named = problem.issues?.find((i) => i.name !== "")?.name;
  for (const key of PARAM_KEYS) {
    if (named !== undefined && typeof record[key] === "string") record[key] = named;
  }
  for (const [key, child] of Object.entries(record)) {
    if (child && typeof child === "object") record[key] = fillMessage(child, problem, depth + 1);
  }
  return record;
}

/** One line naming each issue: `body.amount: must be >= 0; query.limit: …`. */
export function describeIssues(issues: RequestIssue[]): string {
  return issues
    .slice(0, 5)
    .map((i) => `${i.location}${i.name ? `.${i.name}` : ""}: ${i.message}`)
    .join("; ");
}
