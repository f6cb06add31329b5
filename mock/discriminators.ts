import { schemaId } from "../generator/schema/registry.js";

/** A discriminator as the generator needs it: the property, and its value for each branch (by converted `$ref`). */
export interface Discriminator {
  propertyName: string;
  values: Map<string, string>;
}

const COMPONENT = "#/components/schemas/";
const MAX_NODES = 2_000_000;

/**
 * The document's discriminators, keyed by their oneOf/anyOf branches (converted `$ref`s, sorted, joined):
 * the schema conversion drops the `discriminator` keyword, and the generator finds it again by the
 * branches it chooses from. A branch's value is its `mapping` key, else its component's name.
 */
export function collectDiscriminators(root: unknown): Map<string, Discriminator> {
  const out = new Map<string, Discriminator>();
  const stack: unknown[] = [root];
  for (let visited = 0; stack.length > 0 && visited < MAX_NODES; visited++) {
    const node = stack.pop();
    if (node === null || typeof node !== "object") continue;
    for (const value of Object.values(node)) if (value !== null && typeof value === "object") stack.push(value);
    const found = discriminatorOf(node as Record<string, unknown>);
    if (found) out.set(found.key, found.discriminator);
  }
  return out;
}

function discriminatorOf(schema: Record<string, unknown>): { key: string; discriminator: Discriminator } | undefined {
  const disc = schema.discriminator as { propertyName?: unknown; mapping?: unknown } | undefined;
  const branches = Array.isArray(schema.oneOf) ? schema.oneOf : Array.isArray(schema.anyOf) ? schema.anyOf : undefined;
  if (!disc || typeof disc.propertyName !== "string" || !branches) return undefined;
  const refs = branches.map((b) => (b as { $ref?: unknown } | null)?.$ref).filter((r): r is string => typeof r === "string" && r.startsWith(COMPONENT));
  if (refs.length !== branches.length) return undefined;
  const mapping = disc.mapping && typeof disc.mapping === "object" ? Object.entries(disc.mapping as Record<string, unknown>) : [];
  const values = new Map<string, string>();
  for (const ref of refs) {
    const name = ref.slice(COMPONENT.length).replace(/~1/g, "/").replace(/~0/g, "~");
    const mapped = mapping.find(([, target]) => target === ref || target === name)?.[0];
    if (values.has(schemaId(name))) return undefined;
    values.set(schemaId(name), mapped ?? name);
  }
  return { key: branchKey([...values.keys()]), discriminator: { propertyName: disc.propertyName, values } };
}

export function branchKey(refs: string[]): string {
  return [...refs].sort().join("\n");
}
