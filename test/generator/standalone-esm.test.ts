import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { createAjv } from "../../generator/schema/compile.js";
import { schemaId } from "../../generator/schema/registry.js";
import { standaloneEsm } from "../../generator/schema/standalone.js";

const require = createRequire(import.meta.url);
const ajvStandalone = require("ajv/dist/standalone") as (ajv: unknown, refs: Record<string, string>) => string;

describe("validator modules printed in linear time", () => {
  it("print the same module as ajv's own standalone code, shared and recursive refs included", () => {
    const ajv = createAjv("response", []);
    ajv.addSchema({ $id: schemaId("Node"), type: "object", properties: { next: { $ref: schemaId("Node") }, id: { type: "string", format: "uuid" } } });
    ajv.addSchema({ $id: schemaId("Owner"), type: "object", required: ["login"], properties: { login: { type: "string", minLength: 1 } } });
    const exportsById: Record<string, string> = {};
    for (let i = 0; i < 40; i++) {
      const id = `Op${i}Response200`;
      ajv.addSchema({ type: "object", properties: { owner: { $ref: schemaId("Owner") }, node: { $ref: schemaId("Node") }, n: { type: "integer", maximum: i } } }, id);
      ajv.getSchema(id);
      exportsById[id] = id;
    }
    const ours = standaloneEsm(ajv, exportsById);
    expect(ours).toBe(ajvStandalone(ajv, exportsById));
    // every export is present, and a shared $ref's function is printed once
    expect(ours.match(/^export const Op\d+Response200 = /gm)).toHaveLength(40);
    expect(ours.match(/minLength/g)?.length).toBeLessThan(5);
  });

  it("print a function shared by several exports once, and name it from each", () => {
    const ajv = createAjv("response", []);
    ajv.addSchema({ $id: schemaId("Owner"), type: "object", required: ["login"], properties: { login: { type: "string", minLength: 1 } } });
    ajv.addSchema({ type: "array", items: { $ref: schemaId("Owner") } }, "List");
    const code = standaloneEsm(ajv, { A: "List", B: "List", C: schemaId("Owner"), D: schemaId("Owner") });
    const name = (exported: string) => new RegExp(`^export const ${exported} = (validate\\d+);`, "m").exec(code)?.[1];
    expect(name("A")).toBe(name("B"));
    expect(name("C")).toBe(name("D"));
    expect(code.match(/^function validate\d+\(/gm)).toHaveLength(2);
  });
});

