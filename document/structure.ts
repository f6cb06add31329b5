import { joinPointer } from "./pointer.js";
import type { BoundFinding } from "./bounds.js";

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
const COMPONENT_KINDS = ["schemas", "responses", "parameters", "examples", "requestBodies", "headers", "securitySchemes", "links", "callbacks", "pathItems"];

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * The shape every later stage relies on, checked once: an OpenAPI 3.0/3.1 document whose `paths`
 * is an object of path items keyed by paths starting with `/`, whose operations are objects, and
 * whose `components` are maps. Answers every problem found (for SC002 diagnostics).
 */
export function checkStructure(root: unknown): BoundFinding[] {
  if (!isObject(root) || typeof root.openapi !== "string" || !/^3\.[01]\.\d+/.test(root.openapi)) {
    return [{ pointer: isObject(root) && "openapi" in root ? "#/openapi" : "#", message: "expected `openapi: 3.0.x` or `openapi: 3.1.x` at the top level" }];
  }
  const findings: BoundFinding[] = [];
  const expectObject = (value: unknown, pointer: string, what: string): value is Record<string, unknown> => {
    if (isObject(value)) return true;
    findings.push({ pointer, message: `${what} must be an object, not ${describe(value)}` });
    return false;
  };
  if ("info" in root) expectObject(root.info, "#/info", "`info`");
  if ("paths" in root && expectObject(root.paths, "#/paths", "`paths`")) {
    for (const [path, item] of Object.entries(root.paths as Record<string, unknown>)) {
      const pointer = joinPointer("#/paths", path);
      if (!path.startsWith("/")) findings.push({ pointer, message: `path '${path}' must start with '/'` });
      if (!expectObject(item, pointer, "a path item")) continue;
      for (const method of METHODS) {
        if (method in item) expectObject(item[method], joinPointer(pointer, method), `operation '${method}'`);
      }
    }
  }
  if ("components" in root && expectObject(root.components, "#/components", "`components`")) {
    const components = root.components as Record<string, unknown>;
    for (const kind of COMPONENT_KINDS) {
      if (kind in components) expectObject(components[kind], joinPointer("#/components", kind), `\`components.${kind}\``);
    }
  }
  return findings;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return `${typeof value === "object" ? "an" : "a"} ${typeof value} (${JSON.stringify(value)?.slice(0, 40)})`;
}
