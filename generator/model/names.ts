/** Identifier rules shared by every emitter, so types, validators, server and client agree. */
const RESERVED = new Set(["components", "paths", "operations", "webhooks", "$defs", "Api", "Client", "ApiError"]);

export function toPascalCase(raw: string): string {
  const words = raw
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  const joined = words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join("");
  if (joined === "") return "X";
  return /^[0-9]/.test(joined) ? `X${joined}` : joined;
}

export function toCamelCase(raw: string): string {
  const pascal = toPascalCase(raw);
  return pascal[0]!.toLowerCase() + pascal.slice(1);
}

/** Hand out identifiers: the first taker gets the plain name, later ones a numeric suffix. */
export class NameRegistry {
  private readonly taken = new Set<string>(RESERVED);

  claim(base: string): string {
    let name = base;
    for (let i = 2; this.taken.has(name); i++) name = `${base}${i}`;
    this.taken.add(name);
    return name;
  }
}

/** Synthesised operationId for operations that have none: `get /v1/items/{id}` → `getV1ItemsId`. */
export function deriveOperationId(method: string, path: string): string {
  return toCamelCase(`${method} ${path.replace(/[{}]/g, "")}`);
}

/** `application/json` → ``, `application/x-www-form-urlencoded` → `Form`, others by their words (a type-name suffix). */
export function mediaSuffix(mediaType: string): string {
  const base = mediaType.split(";")[0]!.trim().toLowerCase();
  if (base === "application/json" || base === "*/*") return "";
  if (base === "application/x-www-form-urlencoded") return "Form";
  if (base === "multipart/form-data") return "Multipart";
  return toPascalCase(base);
}
