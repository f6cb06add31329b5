import { getAtPointer } from "../../document/pointer.js";
import type { ExampleJson, LinkJson, ModelJson, ParamLocation } from "./types.js";

type Params = Record<ParamLocation, Record<string, unknown>>;

export interface SubstitutedRequest {
  params: Params;
  body: unknown;
  /** what was replaced, e.g. `path promotion_code: promo_1MiM… → promo_abc` */
  notes: string[];
  /** documented value → live value, for the echo checks */
  replaced: Map<string, unknown>;
}

/**
 * Values learnt from links. After a source operation's 2xx example, each link on that response
 * maps (documented value at the link's pointer) → (live value at the same pointer); a later
 * request gets the live value only where its literal equals that documented value.
 */
export class Bindings {
  private readonly values = new Map<string, unknown>();

  constructor(private readonly model: ModelJson) {}

  /** Learn from one answered example (a documented 2xx whose live answer was 2xx too). */
  record(example: ExampleJson, liveBody: unknown): void {
    if (!example.response.status.startsWith("2")) return;
    for (const link of this.linksFrom(example.operationId, example.response.status)) {
      const targets: [string, string][] = [
        ...Object.entries(link.parameters).map(([name, expr]): [string, string] => [`param:${name}`, expr]),
        ...Object.entries(link.body).map(([pointer, expr]): [string, string] => [`body:${pointer}`, expr]),
      ];
      for (const [slot, expr] of targets) {
        const pointer = responsePointer(expr);
        if (pointer === undefined) continue;
        const documented = getAtPointer(example.response.body, pointer);
        const live = getAtPointer(liveBody, pointer);
        if (documented === undefined || live === undefined) continue;
        this.values.set(key(link.operationId, slot, documented), live);
      }
    }
  }

  /** The example's request with learnt values substituted where its literals match. */
  apply(example: ExampleJson): SubstitutedRequest {
    const params = structuredClone(example.request.params);
    let body = structuredClone(example.request.body);
    const notes: string[] = [];
    const replaced = new Map<string, unknown>();
    const operation = this.model.operations.find((o) => o.operationId === example.operationId);
    for (const link of this.linksTo(example.operationId)) {
      for (const name of Object.keys(link.parameters)) {
        const location = operation?.parameters.find((p) => p.name === name)?.in;
        if (!location || !(name in params[location])) continue;
        const literal = params[location][name];
        const slot = key(example.operationId, `param:${name}`, literal);
        if (!this.values.has(slot)) continue;
        params[location][name] = this.values.get(slot);
        noteReplacement(notes, replaced, `${location} ${name}`, literal, this.values.get(slot));
      }
      for (const pointer of Object.keys(link.body)) {
        const literal = getAtPointer(body, `#${pointer}`);
        const slot = key(example.operationId, `body:${pointer}`, literal);
        if (literal === undefined || !this.values.has(slot)) continue;
        body = setAtPointer(body, pointer, this.values.get(slot));
        noteReplacement(notes, replaced, `body ${pointer}`, literal, this.values.get(slot));
      }
    }
    return { params, body, notes, replaced };
  }

  private linksFrom(operationId: string, status: string): LinkJson[] {
    const op = this.model.operations.find((o) => o.operationId === operationId);
    return op?.responses.find((r) => r.status === status)?.links ?? [];
  }

  private linksTo(operationId: string): LinkJson[] {
    return this.model.operations.flatMap((o) => o.responses.flatMap((r) => r.links)).filter((l) => l.operationId === operationId);
  }
}

function noteReplacement(notes: string[], replaced: Map<string, unknown>, where: string, from: unknown, to: unknown): void {
  if (from === to) return;
  notes.push(`${where}: ${JSON.stringify(from)} → ${JSON.stringify(to)}`);
  replaced.set(JSON.stringify(from), to);
}

/** `$response.body#/id` → `#/id`; other runtime expressions are not used by the harness. */
export function responsePointer(expr: string): string | undefined {
  const m = /^\$response\.body(#.*)?$/.exec(expr.trim());
  if (!m) return undefined;
  return m[1] ?? "#";
}

function key(operationId: string, slot: string, documented: unknown): string {
  return `${operationId}|${slot}|${JSON.stringify(documented)}`;
}

function setAtPointer(root: unknown, pointer: string, value: unknown): unknown {
  const segments = pointer.split("/").slice(1).map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
  if (segments.length === 0) return value;
  let node = root as Record<string, unknown>;
  for (const segment of segments.slice(0, -1)) node = node[segment] as Record<string, unknown>;
  node[segments[segments.length - 1]!] = value;
  return root;
}
