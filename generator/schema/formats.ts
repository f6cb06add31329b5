import { fullFormats } from "ajv-formats/dist/formats.js";

/** Formats ajv-formats validates (JSON Schema's and OpenAPI's: int32, int64, float, double, byte, binary, password). */
export function knownFormats(): string[] {
  return Object.keys(fullFormats).sort();
}
