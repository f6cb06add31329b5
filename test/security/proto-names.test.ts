import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { scratchDir } from "../helpers/run-cli.js";
import { diffIn, generateIn } from "./helpers.js";

/** Names that are also Object.prototype members, in every place a spec names something. */
const SPEC = `openapi: 3.1.0
info: { title: Proto, version: "1" }
security:
  - constructor: []
paths:
  /things/{default}/{class}:
    get:
      operationId: hasOwnProperty
      parameters:
        - { name: default, in: path, required: true, schema: { type: string } }
        - { name: class, in: path, required: true, schema: { type: string } }
        - { name: __proto__, in: query, schema: { type: string } }
        - { name: toString, in: query, schema: { type: string } }
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: { $ref: "#/components/schemas/constructor" }
              examples:
                ok: { value: { hasOwnProperty: "h", __proto__: "p", constructor: 1, valueOf: true } }
components:
  securitySchemes:
    constructor: { type: http, scheme: bearer }
  schemas:
    constructor:
      type: object
      required: [hasOwnProperty, __proto__, constructor]
      additionalProperties: false
      properties:
        hasOwnProperty: { type: string }
        __proto__: { type: string }
        constructor: { type: integer }
        valueOf: { type: boolean }
    hasOwnProperty: { type: string }
    __proto__: { type: object, properties: { toString: { type: string } } }
`;

const PROBE = `
const v = await import("./out/validators.ts");
const check = v.schemaValidators["constructor"];
const good = JSON.parse('{"hasOwnProperty":"h","__proto__":"p","constructor":1}');
const missingProto = JSON.parse('{"hasOwnProperty":"h","constructor":1}');
const wrongProto = JSON.parse('{"hasOwnProperty":"h","__proto__":5,"constructor":1}');
const server = await import("./out/server.ts");
console.log(JSON.stringify({
  good: check(good), missingProto: check(missingProto), wrongProto: check(wrongProto),
  schemaNames: Object.keys(v.schemaValidators).sort(),
  urls: server.api.operations.map((o) => o.url),
  schemes: server.api.securitySchemes.map((s) => s.name),
}));
`;

describe("names from a spec never touch Object.prototype", () => {
  it("generates, keeps __proto__ in types and validators, and the output runs", async () => {
    const dir = scratchDir("proto");
    writeFileSync(join(dir, "openapi.yaml"), SPEC);
    const result = await generateIn(dir, ["--spec", "openapi.yaml", "--out", "out", "--all-schema-validators"]);
    expect(result.err).not.toMatch(/internal error|TypeError|\n\s+at /);
    expect(result.code, result.err).toBe(0);
    const types = readFileSync(join(dir, "out", "types.ts"), "utf8");
    expect(types).toMatch(/__proto__: string;/);
    expect(types).toMatch(/hasOwnProperty: string;/);
    const out = execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", PROBE], { cwd: dir, encoding: "utf8", timeout: 60_000 });
    const probe = JSON.parse(out) as Record<string, unknown>;
    expect(probe).toMatchObject({ good: true, missingProto: false, wrongProto: false });
    expect(probe.schemaNames).toEqual(["__proto__", "constructor", "hasOwnProperty"].sort());
    expect(probe.schemes).toEqual(["constructor"]);
    expect((probe.urls as string[])[0]).toMatch(/^\/things\/:\w+\/:\w+$/);
  }, 120_000);

  it("diff compares such names without crashing", async () => {
    const dir = scratchDir("proto-diff");
    writeFileSync(join(dir, "old.yaml"), SPEC);
    writeFileSync(join(dir, "new.yaml"), SPEC.replace("valueOf: { type: boolean }", "valueOf: { type: string }").replace("required: [hasOwnProperty, __proto__, constructor]", "required: [hasOwnProperty, constructor]"));
    const result = await diffIn(dir, ["old.yaml", "new.yaml", "--format", "json"]);
    expect(result.err).not.toMatch(/internal error|TypeError/);
    expect(result.code).toBe(1);
    const report = JSON.stringify(JSON.parse(result.out));
    expect(report).toContain("valueOf");
    expect(report).toContain("__proto__");
  });
});
