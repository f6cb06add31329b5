/** Runtime shared by every generated server.ts (never edited per API). */
export type { ServerErrorCode } from "../shared/error-codes.js";
export type {
  ApiDefinition,
  AuthInfo,
  ErrorContext,
  HandlerResponse,
  HandlerResult,
  IssueKind,
  IssueLocation,
  LowercaseKeys,
  OperationSpec,
  RequestContext,
  RequestIssue,
  RouteDefinition,
  SecuritySchemeSpec,
  ServerLimits,
  ServerOptions,
} from "./types.js";
export { createRoutes } from "./routes.js";
export { createPlugin, registerApi, routeErrorHandler, operationIdOf, issueFromFastifyError } from "./plugin.js";
export { registerParsers, ParsedBody, FORM_MEDIA, JSON_MEDIA } from "./parsers.js";
export { resolveLimits, parseFormString, parseFlatForm, parseJsonString } from "./parse-input.js";
export { issuesFromAjv } from "./issues.js";
export { checkResponse } from "./check-response.js";
