/** Turn the generated resource tree into the client object: nested groups of methods. */
import { createCaller, type Caller } from "./request.js";
import { PagePromise } from "./paginate.js";
import type { ValidatorLoader } from "./validate.js";
import type { ApiSpec, ClientOptions, OperationSpec, RequestOptions, ResourceTree } from "./types.js";

type Method = (...args: unknown[]) => unknown;

/** Methods take the path parameters in path order, then `params`, then request options. */
function makeMethod(call: Caller, operationId: string, spec: OperationSpec): Method {
  const arity = spec.pathParams.length;
  return (...args: unknown[]) => {
    const pathValues = args.slice(0, arity);
    const params = args[arity] as Record<string, unknown> | undefined;
    const options = args[arity + 1] as RequestOptions | undefined;
    if (spec.pagination) {
      const fetchPage = (p: Record<string, unknown>) => call({ operationId, pathValues, params: p, options });
      return new PagePromise(fetchPage, params ?? {}, spec.pagination);
    }
    return call({ operationId, pathValues, params, options });
  };
}

function buildGroup(tree: ResourceTree, api: ApiSpec, call: Caller): Record<string, unknown> {
  const group: Record<string, unknown> = {};
  for (const [name, entry] of Object.entries(tree)) {
    group[name] = typeof entry === "string" ? makeMethod(call, entry, api.operations[entry]!) : buildGroup(entry, api, call);
  }
  return Object.freeze(group);
}

export function buildClient<C>(input: { api: ApiSpec; options: ClientOptions; loadValidators?: ValidatorLoader }): C {
  // each operation's validators imported once, on its first validated response
  const loaded = new Map<string, ReturnType<ValidatorLoader>>();
  const load = input.loadValidators;
  const loader: ValidatorLoader | undefined =
    load &&
    ((operationId) => {
      let pending = loaded.get(operationId);
      if (!pending) loaded.set(operationId, (pending = load(operationId)));
      return pending;
    });
  return buildGroup(input.api.resources, input.api, createCaller(input.api, input.options, loader)) as C;
}
