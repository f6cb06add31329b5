import type { ApiModel } from "../model/types.js";
import type { TypeNamePlan } from "../model/type-names.js";
import type { EmittedFile } from "./validators.js";

/** The typed client (client.ts). */
export function emitClient(_api: ApiModel, _names: TypeNamePlan): EmittedFile[] {
  return [];
}
