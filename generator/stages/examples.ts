import { checkExamples } from "../check/examples.js";
import { buildExamples, type ExampleModel } from "../model/examples.js";
import type { ApiModel } from "../model/types.js";
import type { StageContext } from "./context.js";
import type { ValidatorStageResult } from "./validators.js";

/** Pair every operation's examples by name and check each value against its schema. */
export function examplesStage(ctx: StageContext, root: Record<string, unknown>, api: ApiModel, validators: ValidatorStageResult): ExampleModel[] {
  const examples: ExampleModel[] = [];
  const all = new Map(validators.modules.flatMap((m) => [...m.validators]));
  const responseAjv = validators.modules.find((m) => m.module === "response")!.ajv;
  for (const operation of api.operations) {
    const built = buildExamples(root, operation);
    examples.push(...built.examples);
    for (const value of built.unpaired) ctx.report("SC013", "warning", value.pointer, "request example has no response example of the same name");
    const problems = checkExamples({
      operation,
      examples: built.examples,
      names: validators.names,
      validators: all,
      compileAt: (pointer) => {
        try {
          return responseAjv.compile(validators.registry.convertAt(pointer));
        } catch {
          return undefined;
        }
      },
    });
    for (const p of problems) ctx.report("SC006", "error", p.pointer, p.message);
  }
  return examples;
}
