import type { ApiModel } from "../model/types.js";
import type { TypeNamePlan } from "../model/type-names.js";
import type { EmittedFile } from "./validators.js";

/** The Fastify skeleton (server.ts). */
export function emitServer(_api: ApiModel, _names: TypeNamePlan): EmittedFile[] {
  return [];
}
