import { buildApi } from "../model/build-api.js";
import type { ExampleModel } from "../model/examples.js";
import type { ApiModel } from "../model/types.js";
import type { CheckStageResult } from "./check.js";
import type { StageContext } from "./context.js";
import { examplesStage, type NotReplayed } from "./examples.js";
import { validatorStage, type ValidatorStageResult } from "./validators.js";
import { planTypeNames } from "../model/type-names.js";
import { emitTypes } from "../emit/types.js";
import { hasErrors } from "../../document/diagnostics.js";

export interface ModelStageResult {
  api: ApiModel;
  validators: ValidatorStageResult;
  /** types.ts, printed while the validators compile (in a worker thread from the compiled package) */
  types: string;
  /** the examples to replay */
  examples: ExampleModel[];
  /** examples that break their schema (and document no invalid request): listed, not replayed */
  notReplayed: NotReplayed[];
}

/**
 * Build the model: operations, names, every schema compiled into validators, examples paired and
 * checked. With `types: false` (the harness, which writes nothing), types.ts is left empty: openapi-typescript
 * is the slowest part of a small document's model.
 */
export async function modelStage(ctx: StageContext, root: Record<string, unknown>, checked: CheckStageResult, options: { types?: boolean } = {}): Promise<ModelStageResult> {
  const api = buildApi(root, {
    warn: (code, pointer, message) => ctx.warn(code, pointer, message),
    error: (code, pointer, message) => ctx.report(code, "error", pointer, message),
  });
  const names = planTypeNames(api);
  // A document with errors (duplicate operationIds…) is not emitted: openapi-typescript is not run on it.
  // Started first: in a worker thread (emit/types-thread.ts) it prints while the validators compile here.
  const typesPending = hasErrors(ctx.diagnostics) || options.types === false ? Promise.resolve("") : emitTypes(root, api, names, ctx.cache);
  let validators: ValidatorStageResult;
  let examples: ExampleModel[];
  let notReplayed: NotReplayed[];
  try {
    validators = validatorStage(ctx, root, api, names, checked.unknownFormats);
    ({ examples, notReplayed } = examplesStage(ctx, root, api, validators));
  } catch (error) {
    // the worker finishes (or fails) before the error goes on: nothing is left running
    await typesPending.catch(() => undefined);
    throw error;
  }
  return { api, validators, types: await typesPending, examples, notReplayed };
}
