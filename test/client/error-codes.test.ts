import { describe, expect, it } from "vitest";
import { ApiError, ConnectionError, ParameterError, ResponseValidationError, TimeoutError, UnexpectedResponseError } from "../../runtime/client/index.js";
import { RUNTIME_ERROR_CODES } from "../../runtime/shared/index.js";

const context = { operationId: "getThing", method: "get", url: "http://127.0.0.1:1/things/1" };
const headers = new Headers({ "content-type": "text/html" });

/** One instance of every error the client throws, as request.ts and encode.ts make them. */
const ERRORS: Error[] = [
  new ApiError({ ...context, status: 404, body: undefined, rawBody: "", headers }),
  new ConnectionError(context, 3, { cause: new Error("ECONNREFUSED") }),
  new TimeoutError(context, 2, 500),
  new ResponseValidationError(context, 200, [{ instancePath: "/id", message: "must be string", schemaPath: "#/properties/id/type" }], {}),
  new UnexpectedResponseError(context, { status: 200, rawBody: "<html>", headers, expected: ["application/json"] }),
  new ParameterError("limit", "expected an integer"),
];

describe("client errors carry the stable code the README lists for them", () => {
  it.each(ERRORS.map((error) => [error.name, error] as const))("%s", (name, error) => {
    const code = (error as Error & { code: string }).code;
    const meaning = RUNTIME_ERROR_CODES[code as keyof typeof RUNTIME_ERROR_CODES];
    expect(meaning, `${name} has code ${code}`).toBeDefined();
    expect(meaning.startsWith(`${name}:`), `${code} is documented as "${meaning}"`).toBe(true);
  });

  it("every client code belongs to one error class", () => {
    const codes = ERRORS.map((e) => (e as Error & { code: string }).code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.sort()).toEqual(Object.keys(RUNTIME_ERROR_CODES).filter((c) => c.startsWith("SCC")));
  });
});
