/**
 * Stable codes of what the runtime raises: SCC… for errors the generated client throws, SCS… for
 * answers and log lines of the generated server. Each is listed in the README (a test keeps the two
 * in step); match on `error.code` / `body.code`, never on message text.
 */
export const RUNTIME_ERROR_CODES = {
  SCC001: "ApiError: the server answered with a status outside 2xx (after any retries).",
  SCC002: "ConnectionError: no response arrived (refused, reset, DNS…), after any retries.",
  SCC003: "TimeoutError: every attempt ran out of time.",
  SCC004: "ResponseValidationError: a documented response broke its schema (`validateResponses` on).",
  SCC005: "UnexpectedResponseError: a 2xx answer was not the JSON the spec documents for it.",
  SCC006: "ParameterError: a call cannot be sent as given (missing, unknown or unencodable parameter or option).",
  SCS001: "The request failed parsing or validation: the default answer is 400 `{ code, issues }`; `onRequestError` may answer otherwise.",
  SCS002: "The operation has no handler: 501 `{ code, message }`.",
  SCS003: "The handler threw: 500 `{ code, message }`, the stack logged.",
  SCS004: "A response broke the spec (`checkResponses` on): 500 `{ code, message, detail }`, the problem logged.",
  SCS005: "The operation's validators could not be loaded (a file of `validators/` missing from the build…): 500 `{ code, message }`, the error logged.",
} as const;

export type RuntimeErrorCode = keyof typeof RUNTIME_ERROR_CODES;
export type ClientErrorCode = Extract<RuntimeErrorCode, `SCC${string}`>;
export type ServerErrorCode = Extract<RuntimeErrorCode, `SCS${string}`>;
