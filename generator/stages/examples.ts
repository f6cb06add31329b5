import { checkExamples, type ExampleProblem } from "../check/examples.js";
import { buildExamples, type ExampleModel } from "../model/examples.js";
import type { ApiModel } from "../model/types.js";
import type { StageContext } from "./context.js";
import type { ValidatorStageResult } from "./validators.js";

/** An example the harness lists but does not replay, with why. */
export interface NotReplayed {
  operationId: string;
  name: string;
  reason: string;
  /** the first value that breaks its schema */
  pointer: string;
}

/** A documented client error: an exact 4xx code or the `4XX` range. */
const isClientError = (status: string): boolean => /^4(\d\d|XX)$/i.test(status);

/**
 * Pair every operation's examples by name and check each value against its schema. A request value
 * that breaks its schema in an example paired with a 4xx response documents an invalid request: it is
 * replayed as a negative case. Any other example that breaks its schema is reported (SC006) and
 * listed as not replayed.
 */
export function examplesStage(
  ctx: StageContext,
  root: Record<string, unknown>,
  api: ApiModel,
  validators: ValidatorStageResult,
): { examples: ExampleModel[]; notReplayed: NotReplayed[] } {
  const examples: ExampleModel[] = [];
  const notReplayed: NotReplayed[] = [];
  for (const operation of api.operations) {
    const built = buildExamples(root, operation);
    for (const value of built.unpaired) ctx.warn("SC013", value.pointer, "request example has no response example of the same name");
    const problems = checkExamples({
      operation,
      examples: built.examples,
      names: validators.names,
      validator: (id) => validators.validator(id),
      compileAt: (pointer) => validators.compileAt(pointer),
    });
    const byExample = new Map<string, ExampleProblem[]>();
    for (const p of problems) byExample.set(p.example, [...(byExample.get(p.example) ?? []), p]);
    for (const example of built.examples) {
      const own = byExample.get(example.name) ?? [];
      for (const p of own.filter((p) => p.unexpectedlyValid)) ctx.warn("SC006", p.pointer, p.message);
      const broken = own.filter((p) => !p.unexpectedlyValid);
      const negative = isClientError(example.response!.status) && broken.every((p) => p.request);
      if (broken.length === 0 || negative) {
        examples.push(example);
        continue;
      }
      for (const p of broken) ctx.warn("SC006", p.pointer, `${p.message}; not replayed`);
      notReplayed.push({ operationId: operation.operationId, name: example.name, reason: "invalid example (SC006)", pointer: broken[0]!.pointer });
    }
  }
  return { examples, notReplayed };
}
