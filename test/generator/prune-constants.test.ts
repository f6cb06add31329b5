import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { ValidateFunction } from "ajv";
import { describe, expect, it } from "vitest";
import { createAjv } from "../../generator/schema/compile.js";
import { pruneSchemaConstants } from "../../generator/schema/prune-constants.js";
import { schemaId } from "../../generator/schema/registry.js";
import { standaloneEsm } from "../../generator/schema/standalone.js";
import { PROJECT_ROOT } from "../helpers/run-cli.js";

const LONG = "A description nobody's validator reads. ".repeat(50);

async function load(code: string): Promise<Record<string, ValidateFunction>> {
  const dir = mkdtempSync(join(tmpdir(), "prune-"));
  try {
    const file = join(dir, "module.mjs");
    const prelude = `import { createRequire } from "node:module";\nconst require = createRequire(${JSON.stringify(join(PROJECT_ROOT, "package.json"))});\n`;
    writeFileSync(file, prelude + code);
    return (await import(pathToFileURL(file).href)) as Record<string, ValidateFunction>;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("schema constants in validator modules", () => {
  it("keep only what the code reads: errors report the same allowed values and types, without the descriptions", async () => {
    const ajv = createAjv("response", []);
    ajv.addSchema({
      $id: schemaId("Coupon"),
      type: "object",
      description: LONG,
      properties: {
        duration: { type: "string", enum: ["once", "forever", "repeating"], description: LONG },
        "percent-off": { type: ["number", "null"], description: LONG },
        "odd \"key\"": { anyOf: [{ type: "string", enum: ["a"] }, { type: "integer" }] },
      },
    });
    ajv.addSchema({ type: "array", items: { $ref: schemaId("Coupon") }, description: LONG }, "List");
    const full = standaloneEsm(ajv, { Coupon: schemaId("Coupon"), List: "List" });
    const pruned = pruneSchemaConstants(full);
    expect(full).toContain(LONG);
    expect(pruned).not.toContain("A description nobody's");
    expect(pruned.length).toBeLessThan(full.length / 2);

    const bad = [{ duration: "weekly", "percent-off": "ten", 'odd "key"': true }];
    const [before, after] = [await load(full), await load(pruned)];
    expect(before.List!(bad)).toBe(false);
    expect(after.List!(bad)).toBe(false);
    expect(after.List!.errors).toEqual(before.List!.errors);
    const params = after.List!.errors!.map((e) => e.params);
    expect(params).toContainEqual({ allowedValues: ["once", "forever", "repeating"] });
    expect(params).toContainEqual({ type: ["number", "null"] });
    expect(after.Coupon!({ duration: "once", "percent-off": null, 'odd "key"': 3 })).toBe(true);
  });

  it("keep a constant whole when the code names it without a path", () => {
    const code = `const schema0 = {"enum":[1],"description":"kept"};\nfunction validate0(data){ return schema0 === data; }\n`;
    expect(pruneSchemaConstants(code)).toBe(code);
  });
});
