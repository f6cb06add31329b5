import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { ValidateFunction } from "ajv";
import { describe, expect, it } from "vitest";
import { validatorsForSpec } from "../../generator/stages/validators-for.js";
import { configuredTargets } from "../../generator/targets.js";
import { PROJECT_ROOT } from "../helpers/run-cli.js";

/** In-memory ajv validators for a spec, compiled exactly as the generator compiles them. */
async function inMemoryValidators(spec: string): Promise<Map<string, ValidateFunction>> {
  const { modules } = await validatorsForSpec(spec, { cwd: PROJECT_ROOT });
  return new Map(modules.flatMap((m) => [...m.validators]));
}

/** Variants of a documented body: itself, plus mutations that should break most schemas. */
function variants(body: unknown): unknown[] {
  if (body === null || typeof body !== "object" || Array.isArray(body)) return [body, 42, "text"];
  const record = body as Record<string, unknown>;
  const keys = Object.keys(record);
  const out: unknown[] = [body, { ...record, unexpected_field: true }];
  for (const key of keys.slice(0, 4)) {
    const without = { ...record };
    delete without[key];
    out.push(without, { ...record, [key]: typeof record[key] === "string" ? 12345 : "not-the-type" });
  }
  return out;
}

describe.each((await configuredTargets(PROJECT_ROOT))!.targets)("standalone vs in-memory ajv on $spec", (target) => {
  it("every documented response example and its mutations get the same verdict and errors", async () => {
    const memory = await inMemoryValidators(target.spec);
    const standalone = (await import(pathToFileURL(join(PROJECT_ROOT, target.out, "validators/response.js")).href)) as Record<string, ValidateFunction>;
    const model = JSON.parse(readFileSync(join(PROJECT_ROOT, target.out, "model.json"), "utf8")) as { operations: { operationId: string; typeName: string }[] };
    const { examples } = JSON.parse(readFileSync(join(PROJECT_ROOT, target.out, "examples.json"), "utf8")) as {
      examples: { operationId: string; name: string; response: { status: string; body: unknown } }[];
    };
    const verdicts = { valid: 0, invalid: 0 };
    for (const example of examples) {
      const typeName = model.operations.find((o) => o.operationId === example.operationId)!.typeName;
      const id = `${typeName}Response${example.response.status}`;
      const precompiled = standalone[id];
      const compiled = memory.get(id);
      expect(precompiled, `${id} exported`).toBeTypeOf("function");
      expect(compiled, `${id} compiled in memory`).toBeTypeOf("function");
      for (const data of variants(example.response.body)) {
        const a = precompiled!(structuredClone(data));
        const b = compiled!(structuredClone(data));
        expect(a, `${example.operationId} › ${example.name}`).toBe(b);
        expect(precompiled!.errors ?? null).toEqual(compiled!.errors ?? null);
        verdicts[a ? "valid" : "invalid"]++;
      }
    }
    // Both verdicts occur, so agreement is not trivial.
    expect(verdicts.valid).toBeGreaterThanOrEqual(examples.length);
    expect(verdicts.invalid).toBeGreaterThan(examples.length);
  });
});
