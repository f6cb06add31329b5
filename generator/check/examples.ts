import type { ValidateFunction } from "ajv";
import type { ExampleModel, ExampleValue } from "../model/examples.js";
import type { OperationModel } from "../model/types.js";
import type { TypeNamePlan } from "../model/type-names.js";

export interface ExampleProblem {
  pointer: string;
  message: string;
  /** the example's name */
  example: string;
  /** the failing value is a request part (parameter or body) */
  request: boolean;
  /** an `x-schema-invalid` value that matches its schema (the example is still replayed) */
  unexpectedlyValid?: boolean;
}

/**
 * Validate every example value against the schema of the place it documents: parameter
 * examples against their parameter, body examples against the body, response examples
 * against their status and media type. Answers one problem per failing example value.
 */
export function checkExamples(input: {
  operation: OperationModel;
  examples: ExampleModel[];
  names: TypeNamePlan;
  /** the validator of an id (a body's or a response's) */
  validator(id: string): ValidateFunction | undefined;
  /** compile one parameter schema on demand (parameters have no validator of their own) */
  compileAt(schemaPointer: string): ValidateFunction | undefined;
}): ExampleProblem[] {
  const problems: ExampleProblem[] = [];
  const plan = input.names.operations.get(input.operation.operationId)!;
  const bySchemaPointer = new Map<string, ValidateFunction | undefined>();
  const validatorFor = (value: ExampleValue): ValidateFunction | undefined => {
    if (!value.schemaPointer) return undefined;
    const body = input.operation.requestBody?.contents.find((m) => m.schemaPointer === value.schemaPointer);
    if (body) return input.validator(plan.body.get(body.mediaType) ?? "");
    for (const response of input.operation.responses) {
      const media = response.contents.find((m) => m.schemaPointer === value.schemaPointer);
      if (media) return input.validator(plan.responses.get(response.status)?.get(media.mediaType) ?? "");
    }
    if (!bySchemaPointer.has(value.schemaPointer)) bySchemaPointer.set(value.schemaPointer, input.compileAt(value.schemaPointer));
    return bySchemaPointer.get(value.schemaPointer);
  };
  for (const example of input.examples) {
    for (const value of example.values) {
      const request = value.side === "request";
      const validate = validatorFor(value);
      if (!validate) continue;
      const valid = validate(structuredClone(value.value));
      if (value.expectInvalid) {
        if (valid) problems.push({ pointer: value.pointer, example: example.name, request, unexpectedlyValid: true, message: `example '${example.name}' is marked x-schema-invalid but matches its schema` });
        continue;
      }
      if (valid) continue;
      const first = validate.errors?.[0];
      const where = first?.instancePath ? `at ${first.instancePath} ` : "";
      problems.push({
        pointer: value.pointer,
        example: example.name,
        request,
        message: `example '${example.name}' does not match its schema: ${where}${first?.message ?? "invalid"}${
          first?.params && "additionalProperty" in first.params ? ` '${String(first.params.additionalProperty)}'` : ""
        }`,
      });
    }
  }
  return problems;
}

