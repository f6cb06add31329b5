import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runGenerate } from "../../generator/cli.js";
import { scratchDir } from "../helpers/run-cli.js";

/** Payloads for every context generated code prints spec text in: block comment, line comment, string, template. */
const CLOSE_COMMENT = `*/ import("node:fs").then(f=>f.writeFileSync("pwned.txt","1")); /*`;
const NEW_LINE = `x\nimport("node:fs").then(f=>f.writeFileSync("pwned.txt","1"));\n//`;
const LS = `x\u2028import("node:fs").then(f=>f.writeFileSync("pwned.txt","1"));\u2029//`;
const QUOTES = `"; import("node:fs").then(f=>f.writeFileSync("pwned.txt","1")); "\` \${import("node:fs").then(f=>f.writeFileSync("pwned.txt","1"))} '`;
const ALL = `${CLOSE_COMMENT} ${NEW_LINE} ${LS} ${QUOTES}`;

const SCHEMA_REF = `#/components/schemas/${encodeURIComponent(ALL.replace(/~/g, "~0").replace(/\//g, "~1"))}`;

function hostileSpec(): unknown {
  const text = (tag: string) => `${tag} ${ALL}`;
  const schema = {
    type: "object",
    title: text("schema title"),
    description: text("schema description"),
    required: ["name"],
    properties: {
      name: { type: "string", description: text("property"), enum: [ALL, "ok"], example: ALL, pattern: "^[\\s\\S]*$" },
      [ALL]: { type: "string", description: CLOSE_COMMENT, default: QUOTES },
    },
    example: { name: "ok" },
  };
  return {
    openapi: "3.1.0",
    info: { title: text("title"), version: QUOTES, description: text("description") },
    tags: [{ name: ALL, description: ALL }],
    paths: {
      [`/items/{id}/*/"'\`x\u2028`]: {
        summary: text("path summary"),
        description: text("path description"),
        get: {
          operationId: CLOSE_COMMENT,
          summary: text("summary"),
          description: text("op description"),
          tags: [ALL],
          parameters: [
            { name: "id", in: "path", required: true, description: ALL, schema: { type: "string" } },
            { name: ALL, in: "query", description: ALL, schema: { type: "string", default: ALL } },
            { name: `X-${NEW_LINE}`, in: "header", description: ALL, schema: { type: "string" } },
          ],
          responses: {
            "200": { description: text("ok"), content: { "application/json": { schema: { $ref: SCHEMA_REF } } } },
            default: { description: ALL, content: { "application/json": { schema: { type: "object", description: ALL } } } },
          },
        },
        post: {
          operationId: NEW_LINE,
          summary: QUOTES,
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
          requestBody: { description: ALL, content: { "application/json": { schema: { $ref: SCHEMA_REF }, examples: { [ALL]: { summary: ALL, value: { name: ALL } } } } } },
          responses: { "201": { description: LS, content: { "application/json": { schema: schema, examples: { [ALL]: { value: { name: ALL } } } } } } },
        },
      },
    },
    components: {
      schemas: { [ALL]: schema },
      securitySchemes: { [ALL]: { type: "apiKey", in: "header", name: ALL, description: ALL } },
    },
    security: [{ [ALL]: [] }],
  };
}

const PROBE = `
const loaded = {};
for (const m of ["types.ts", "validators.ts", "client.ts", "server.ts"]) loaded[m] = Object.keys(await import("./out/" + m)).sort();
const v = await import("./out/validators.ts");
const results = Object.values(v.schemaValidators).map((fn) => fn({ name: "ok" }));
const { createClient } = await import("./out/client.ts");
const client = createClient({ baseUrl: "http://127.0.0.1:9" });
console.log(JSON.stringify({ loaded, results, clientKeys: Object.keys(client).sort() }));
`;

describe("spec text is data in generated code", () => {
  it("generates a spec whose every text field is an injection payload; importing and running the output does nothing else", async () => {
    const dir = scratchDir("hostile");
    const specFolder = join(dir, "specs");
    mkdirSync(specFolder);
    // The spec's own file name reaches the banner: a newline in it must not end the comment line.
    const specName = `evil\nimport("node:fs").then(f=>f.writeFileSync("pwned.txt","1"));\n*.json`;
    writeFileSync(join(specFolder, specName), JSON.stringify(hostileSpec(), null, 2));
    const err: string[] = [];
    const code = await runGenerate(["--spec", `specs/${specName}`, "--out", "out", "--quiet", "--all-schema-validators"], { out: () => {}, err: (s) => err.push(s), cwd: dir });
    expect(err.join("\n")).not.toMatch(/internal error|at .*\.ts:\d+/);
    expect(code, err.join("\n")).toBe(0);
    let out = "";
    try {
      out = execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", PROBE], { cwd: dir, encoding: "utf8", timeout: 60_000, stdio: "pipe" });
    } finally {
      await new Promise((r) => setTimeout(r, 200));
      expect(existsSync(join(dir, "pwned.txt")), "the generated code ran spec text").toBe(false);
    }
    const result = JSON.parse(out) as { loaded: Record<string, string[]>; results: boolean[]; clientKeys: string[] };
    expect(existsSync(join(dir, "pwned.txt"))).toBe(false);
    expect(result.loaded["client.ts"]).toContain("createClient");
    expect(result.loaded["server.ts"]).toContain("plugin");
    expect(result.loaded["validators.ts"]).toContain("operationValidators");
    expect(result.results).toEqual([true]);
    expect(result.clientKeys.length).toBeGreaterThan(0);
    const client = readFileSync(join(dir, "out", "client.ts"), "utf8");
    expect(client.split("\n")[0]).toMatch(/^\/\/ generated by spec-contract from specs\/evil\\nimport/);
  }, 120_000);
});
