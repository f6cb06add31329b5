import { checkExamples, type ExampleProblem } from "../check/examples.js";
import { buildExamples, type ExampleModel } from "../model/examples.js";
import type { ApiModel } from "../model/types.js";
import type { StageContext } from "./context.js";
import { hashKey } from "../cache/store.js";
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
  const built = api.operations.map((operation) => buildExamples(root, operation));
  // Checking examples compiles the validators they need when their module came from the cache: the
  // outcome is a unit of its own, keyed by the examples, the operations and every validator's key.
  const key = hashKey("example-checks", validators.key, JSON.stringify(api.operations), JSON.stringify(built.map((b) => b.examples)));
  const cached = ctx.cache.get("example-checks", key);
  const problemsOf: ExampleProblem[][] = cached !== undefined ? (JSON.parse(cached) as ExampleProblem[][]) : api.operations.map((operation, i) =>
    checkExamples({
      operation,
      examples: built[i]!.examples,
      names: validators.names,
      validator: (id) => validators.validator(id),
      compileAt: (pointer) => validators.compileAt(pointer),
    }),
  );
  if (cached === undefined) ctx.cache.set("example-checks", key, JSON.stringify(problemsOf));
  for (const [i, operation] of api.operations.entries()) {
    for (const value of built[i]!.unpaired) ctx.warn("SC013", value.pointer, "request example has no response example of the same name");
    const problems = problemsOf[i]!;
    const byExample = new Map<string, ExampleProblem[]>();
    for (const p of problems) byExample.set(p.example, [...(byExample.get(p.example) ?? []), p]);
    for (const example of built[i]!.examples) {
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
