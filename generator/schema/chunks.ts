import { createHash } from "node:crypto";
import type { AnyValidateFunction } from "ajv/dist/types/index.js";
import type { Ajv2020 } from "ajv/dist/2020.js";
import { prunedConstants } from "./prune-constants.js";
import type { NameLike, SourceLike } from "./standalone.js";

/**
 * A large validator module split into chunks that load apart. Every function ajv compiled is printed
 * once, in the chunk of the operations that reach it: functions reached by exactly the same
 * operations share a chunk, and a chunk imports the functions of other chunks it calls (ES modules:
 * cycles between chunks are fine, every function is a declaration). Loading one operation's
 * validators then loads exactly the functions they can call, and no function is printed twice.
 * Constants (schema values, ajv's runtime helpers, patterns) are printed in each chunk that uses them.
 */
export interface ChunkedModule {
  /** chunk file name (`<hash>.ts`, inside the module's folder) → its source */
  chunks: Map<string, string>;
  /** export name → the chunk file it is exported from */
  exportedFrom: Map<string, string>;
}

export interface FunctionNode {
  name: string;
  code: string;
  /** constant name → its value's code */
  constants: Map<string, string>;
  calls: Set<string>;
  groups: Set<string>;
}

/** Every function ajv compiled for the exports, with what each calls and the constants it reads. */
export interface FunctionGraph {
  nodes: Map<string, FunctionNode>;
  /** export name → its function */
  roots: Map<string, string>;
  /** the printed size of every function, in characters: whether the module is worth splitting */
  size: number;
}

/** `exports`: export name → ajv key, as for standaloneEsm. */
export function functionGraph(ajv: Ajv2020, exports: Record<string, string>): FunctionGraph {
  const nodes = new Map<string, FunctionNode>();
  const roots = new Map<string, string>();
  for (const exportName of Object.keys(exports)) {
    const fn = ajv.getSchema(exports[exportName]!) as AnyValidateFunction | undefined;
    const source = fn?.source as unknown as SourceLike | undefined;
    if (!source) throw new Error(`moduleCode: no compiled source for ${exports[exportName]}`);
    roots.set(exportName, visit(source, nodes));
  }
  let size = 0;
  for (const node of nodes.values()) size += node.code.length;
  return { nodes, roots, size };
}

/** The graph's functions in chunks by the set of groups (operations) that reach them; `groupsOf`: an export's groups. */
export function standaloneChunks(graph: FunctionGraph, groupsOf: (exportName: string) => readonly string[]): ChunkedModule {
  const { nodes, roots } = graph;
  for (const node of nodes.values()) node.groups.clear();
  // one walk per group, from all of its exports at once
  const rootsOf = new Map<string, string[]>();
  for (const [exportName, root] of roots) {
    for (const group of groupsOf(exportName)) {
      const list = rootsOf.get(group) ?? [];
      list.push(root);
      rootsOf.set(group, list);
    }
  }
  for (const [group, groupRoots] of rootsOf) mark(groupRoots, group, nodes);
  const chunkOf = new Map<string, string>();
  const members = new Map<string, FunctionNode[]>();
  // a group set is named by the hash of its sorted names, computed once per distinct set (hub functions
  // are reached by hundreds of operations: hashing their names per function cost a quarter of a second)
  const index = new Map<string, number>();
  const fileOfKey = new Map<string, string>();
  for (const node of nodes.values()) {
    const ids = [...node.groups].map((g) => index.get(g) ?? (index.set(g, index.size), index.size - 1)).sort((a, b) => a - b);
    const key = ids.join(",");
    let file = fileOfKey.get(key);
    if (file === undefined) {
      file = `${createHash("sha256").update([...node.groups].sort().join("\n")).digest("hex").slice(0, 12)}.ts`;
      fileOfKey.set(key, file);
    }
    chunkOf.set(node.name, file);
    const list = members.get(file) ?? [];
    list.push(node);
    members.set(file, list);
  }
  const exportedFrom = new Map<string, string>();
  const exportLines = new Map<string, string[]>();
  for (const [exportName, root] of roots) {
    const file = chunkOf.get(root)!;
    exportedFrom.set(exportName, file);
    const lines = exportLines.get(file) ?? [];
    lines.push(`export const ${exportName} = ${root};`);
    exportLines.set(file, lines);
  }
  const chunks = new Map<string, string>();
  for (const file of [...members.keys()].sort()) chunks.set(file, printChunk(members.get(file)!, chunkOf, exportLines.get(file) ?? []));
  return { chunks, exportedFrom };
}

/** The function of `source` and, depth first, every function it calls: each once. Answers its name. */
function visit(source: SourceLike, nodes: Map<string, FunctionNode>): string {
  const stack: SourceLike[] = [source];
  while (stack.length > 0) {
    const current = stack.pop()!;
    const name = String(current.validateName);
    if (nodes.has(name)) continue;
    const node: FunctionNode = { name, code: current.validateCode, constants: new Map(), calls: new Set(), groups: new Set() };
    if (current.evaluated) node.code += `\n${name}.evaluated = ${String(current.evaluated)};`;
    nodes.set(name, node);
    for (const prefix of Object.keys(current.scopeValues)) {
      for (const value of current.scopeValues[prefix] ?? []) {
        const ref = value.value?.ref;
        if (prefix === "validate" && typeof ref === "function") {
          const callee = (ref as { source?: SourceLike }).source;
          if (!callee) throw new Error("moduleCode: function does not have \"source\" property");
          node.calls.add(String(callee.validateName));
          stack.push(callee);
        } else if ((prefix === "root" || prefix === "wrapper") && typeof ref === "object" && ref !== null) {
          const { validate, validateName } = ref as { validate?: { source?: SourceLike }; validateName?: NameLike };
          if (!validateName || !validate?.source) throw new Error("ajv internal error");
          node.constants.set(String(value), `{validate: ${String(validateName)}}`);
          node.calls.add(String(validateName));
          stack.push(validate.source);
        } else {
          if (value.value?.code === undefined) throw new Error(`CodeGen: name "${String(value)}" has no value`);
          node.constants.set(String(value), String(value.value.code));
        }
      }
    }
  }
  return String(source.validateName);
}

/** Add `group` to the functions `roots` and every function they can call. */
function mark(roots: readonly string[], group: string, nodes: Map<string, FunctionNode>): void {
  const stack = [...roots];
  while (stack.length > 0) {
    const node = nodes.get(stack.pop()!)!;
    if (node.groups.has(group)) continue;
    node.groups.add(group);
    for (const callee of node.calls) stack.push(callee);
  }
}

function printChunk(members: readonly FunctionNode[], chunkOf: ReadonlyMap<string, string>, exportLines: readonly string[]): string {
  const own = new Set(members.map((m) => m.name));
  const imports = new Map<string, Set<string>>();
  const constants = new Map<string, string>();
  for (const member of members) {
    for (const callee of member.calls) {
      if (own.has(callee)) continue;
      const from = chunkOf.get(callee)!;
      const names = imports.get(from) ?? new Set<string>();
      names.add(callee);
      imports.set(from, names);
    }
    for (const [name, code] of member.constants) constants.set(name, code);
  }
  // schema constants cut to what this chunk's functions read (prune-constants.ts)
  const schemas = new Map([...constants].filter(([name]) => /^schema\d+$/.test(name)));
  const pruned = prunedConstants(schemas, [...members.map((m) => m.code), ...[...constants].filter(([name]) => !schemas.has(name)).map(([, code]) => code)]);
  for (const [name, json] of pruned) if (json !== undefined) constants.set(name, json);
  const lines: string[] = [];
  for (const from of [...imports.keys()].sort()) {
    lines.push(`import { ${[...imports.get(from)!].sort(byNumber).join(", ")} } from "./${from.replace(/\.ts$/, ".js")}";`);
  }
  lines.push(`export { ${[...own].sort(byNumber).join(", ")} };`, ...exportLines);
  for (const [name, code] of [...constants].sort(([a], [b]) => byNumber(a, b))) lines.push(`const ${name} = ${code};`);
  for (const member of [...members].sort((a, b) => byNumber(a.name, b.name))) lines.push("", member.code);
  return `${lines.join("\n")}\n`;
}

/** `validate2` before `validate10`: by prefix, then number (ajv's names: letters, then digits). */
function byNumber(a: string, b: string): number {
  const ia = digitsAt(a);
  const ib = digitsAt(b);
  const pa = a.slice(0, ia);
  const pb = b.slice(0, ib);
  return pa < pb ? -1 : pa > pb ? 1 : Number(a.slice(ia)) - Number(b.slice(ib));
}

function digitsAt(name: string): number {
  let i = name.length;
  while (i > 0 && name.charCodeAt(i - 1) >= 48 && name.charCodeAt(i - 1) <= 57) i--;
  return i;
}
