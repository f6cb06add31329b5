import { createRequire } from "node:module";
import type { AnyValidateFunction } from "ajv/dist/types/index.js";
import type { Ajv2020 } from "ajv/dist/2020.js";

// ajv's codegen internals (CommonJS): the same ones its `standalone` module uses.
const require = createRequire(import.meta.url);
const { _, _Code, nil, getEsmExportName } = require("ajv/dist/compile/codegen/code") as {
  _: (strings: TemplateStringsArray, ...args: unknown[]) => CodeLike;
  _Code: new (code: string) => CodeLike;
  nil: CodeLike;
  getEsmExportName: (name: string) => CodeLike;
};
const { UsedValueState, varKinds } = require("ajv/dist/compile/codegen/scope") as {
  UsedValueState: { Started: number; Completed: number };
  varKinds: { const: CodeLike };
};

interface CodeLike {
  toString(): string;
}
/** A name of ajv's scope (`validate12`, `schema3`, `func0`…) and the value it stands for. */
export interface NameLike {
  prefix: string;
  value?: { ref?: unknown; code?: unknown };
  toString(): string;
}
/** A compiled function's `source` (ajv's `code.source`): its code and the scope names it uses, by prefix. */
export interface SourceLike {
  validateName: NameLike;
  validateCode: string;
  scopeValues: Record<string, Set<NameLike> | undefined>;
  evaluated?: unknown;
}
type UsedValues = Record<string, Map<NameLike, number>>;
interface AjvScope {
  opts: { _n: CodeLike };
  scopeCode(values: unknown, used: UsedValues, ref: (name: NameLike) => CodeLike | undefined): CodeLike;
}

/**
 * ajv's `standaloneCode(ajv, refs)` as ESM with named exports, byte for byte, in linear time, and with
 * exports that share a function (ajv's would print it twice: a duplicate declaration). ajv's own
 * rebuilds its whole output for every export (`code = _\`${code}…\``), which is quadratic and took 6 s of
 * GitHub's description. Each part is turned into text once and joined at the end.
 */
export function standaloneEsm(ajv: Ajv2020, exportsById: Record<string, string>): string {
  const scope = (ajv as unknown as { scope: AjvScope }).scope;
  const n = scope.opts._n;
  const usedValues: UsedValues = {};
  const parts: string[] = [`"use strict";`];

  const usedState = (name: NameLike): number | undefined => usedValues[name.prefix]?.get(name);
  const setUsedState = (name: NameLike, state: number): void => {
    (usedValues[name.prefix] ??= new Map()).set(name, state);
  };

  function validateCode(source: SourceLike | undefined): CodeLike {
    if (!source) throw new Error('moduleCode: function does not have "source" property');
    if (usedState(source.validateName) === UsedValueState.Completed) return nil;
    setUsedState(source.validateName, UsedValueState.Started);
    const scopeCode = scope.scopeCode(source.scopeValues, usedValues, refValidateCode);
    const code = new _Code(`${scopeCode}${n}${source.validateCode}`);
    return source.evaluated ? _`${code}${source.validateName}.evaluated = ${source.evaluated};${n}` : code;
  }

  function refValidateCode(name: NameLike): CodeLike | undefined {
    const ref = name.value?.ref;
    if (name.prefix === "validate" && typeof ref == "function") return validateCode((ref as { source?: SourceLike }).source);
    if ((name.prefix === "root" || name.prefix === "wrapper") && typeof ref == "object" && ref !== null) {
      const { validate, validateName } = ref as { validate?: { source?: SourceLike }; validateName?: NameLike };
      if (!validateName) throw new Error("ajv internal error");
      const wrapper = _`${varKinds.const} ${name} = {validate: ${validateName}};`;
      if (usedState(validateName) === UsedValueState.Started) return wrapper;
      return _`${wrapper}${n}${validateCode(validate?.source)}`;
    }
    return undefined;
  }

  for (const exportName in exportsById) {
    const id = exportsById[exportName]!;
    const fn = ajv.getSchema(id) as AnyValidateFunction | undefined;
    if (!fn) throw new Error(`moduleCode: no schema with id ${id}`);
    const source = fn.source as unknown as SourceLike | undefined;
    // Several exports may share one function (validators of identical schemas, a bare `$ref` and its
    // target): it is printed once, where it is first needed, and later exports name it.
    const vCode = source && usedState(source.validateName) !== undefined ? nil : validateCode(source);
    parts.push(String(_`${n}${_`export const ${getEsmExportName(exportName)}`} = ${source?.validateName};${n}${vCode}`));
  }
  return parts.join("");
}
