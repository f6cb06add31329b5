import { describe, expect, it } from "vitest";
import { checkResponse, type ResponseValidator, type ValidatorLoader } from "../../runtime/client/validate.js";
import { loadOperationValidators } from "../../generated/smartpay-v1/validators/by-operation.js";
import { ResponseValidationError } from "../../runtime/client/errors.js";

/** A validator that accepts only objects with a string `id`. */
const validator: ResponseValidator = Object.assign((data: unknown) => typeof (data as { id?: unknown })?.id === "string", { errors: [] });

describe("runtime lookups keyed by what a target sends never reach Object.prototype", () => {
  it.each(["constructor", "__proto__", "hasOwnProperty", "toString"])("a response with Content-Type '%s' is still validated", async (mediaType) => {
    const check = checkResponse({
      loader: async (operationId) => (operationId === "getThing" ? { responses: { "200": { "application/json": validator } } } : undefined),
      context: { operationId: "getThing", method: "GET", url: "http://127.0.0.1/things" },
      status: 200,
      headers: new Headers({ "content-type": mediaType }),
      body: { id: 5 },
    });
    await expect(check).rejects.toBeInstanceOf(ResponseValidationError);
  });

  it.each(["constructor", "__proto__", "hasOwnProperty", "toString"])("the generated loader answers no validators for an operationId '%s' the API lacks", async (operationId) => {
    await expect(loadOperationValidators(operationId, "request")).resolves.toBeUndefined();
    await expect(loadOperationValidators(operationId, "responses")).resolves.toBeUndefined();
    const check = checkResponse({
      loader: ((id: string) => loadOperationValidators(id, "responses")) as unknown as ValidatorLoader,
      context: { operationId, method: "GET", url: "http://127.0.0.1/things" },
      status: 200,
      headers: new Headers({ "content-type": "application/json" }),
      body: { id: 5 },
    });
    await expect(check).resolves.toBeUndefined();
  });
});
