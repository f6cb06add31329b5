import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ConfigError, findConfigFile, loadConfig } from "../../config/load.js";
import { defineConfig } from "../../config/index.js";
import { PROJECT_ROOT } from "../helpers/run-cli.js";

// `require`, not `import`: Node lexes TypeScript's 9 MB for named exports on import (0.5 s), and the generator loads it with require
const ts = createRequire(import.meta.url)("typescript") as typeof import("typescript");

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "spec-contract-config-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function project(name: string, files: Record<string, string>): Promise<string> {
  const root = join(dir, name);
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(root, path, ".."), { recursive: true });
    await writeFile(join(root, path), text);
  }
  return root;
}

const API = { name: "petstore", spec: "openapi.yaml", output: "src/api" };

describe("finding and loading spec-contract.config.*", () => {
  test("found from a subfolder upwards; .json, .mjs and .ts all load", async () => {
    const json = await project("json", { "spec-contract.config.json": JSON.stringify({ apis: [API] }), "src/deep/.keep": "" });
    expect(findConfigFile(join(json, "src", "deep"))).toBe(join(json, "spec-contract.config.json"));
    expect((await loadConfig({ cwd: join(json, "src", "deep") }))!.config.apis[0]!.name).toBe("petstore");
    const mjs = await project("mjs", { "spec-contract.config.mjs": `export default { apis: [${JSON.stringify(API)}] };` });
    expect((await loadConfig({ cwd: mjs }))!.config.apis[0]!.output).toBe("src/api");
    const tsConfig = await project("ts", {
      "spec-contract.config.ts": `interface Api { name: string; spec: string }\nconst api: Api = { name: "typed", spec: "a.yaml" };\nexport default { apis: [api] };\n`,
    });
    expect((await loadConfig({ cwd: tsConfig }))!.config.apis[0]!.name).toBe("typed");
  });

  test("--config names a file anywhere; no config at all is undefined, a missing --config file an error", async () => {
    const root = await project("named", { "configs/my.json": JSON.stringify({ apis: [API] }) });
    const loaded = await loadConfig({ cwd: root, file: "configs/my.json" });
    expect(loaded!.dir).toBe(join(root, "configs"));
    const empty = await project("empty", { ".keep": "" });
    expect(await loadConfig({ cwd: empty })).toBeUndefined();
    await expect(loadConfig({ cwd: empty, file: "nope.json" })).rejects.toThrow("nope.json: no such config file");
  });

  test.each([
    [{ apis: [{ name: "a" }] }, "spec-contract.config.json: apis[0]: must have required property 'spec'"],
    [{ apis: [{ ...API, strict: "yes" }] }, "spec-contract.config.json: apis[0].strict: must be boolean"],
    [{ apis: [{ ...API, auth: { env: "MY-KEY" } }] }, "spec-contract.config.json: apis[0].auth.env: must match pattern"],
    [{ apis: [{ ...API, colour: "red" }] }, "spec-contract.config.json: apis[0]: must NOT have additional properties 'colour'"],
    [{ apis: [{ ...API, target: "ftp://x" }] }, "spec-contract.config.json: apis[0].target: must be an http(s) URL, mock, prism or reference"],
    [{ apis: [API, API] }, "spec-contract.config.json: apis[1].name: 'petstore' is used by an earlier API"],
    [{ apis: [] }, "spec-contract.config.json: apis: must NOT have fewer than 1 items"],
  ])("a bad config names the file and the field: %j", async (config, message) => {
    const root = await project(`bad-${Math.random().toString(36).slice(2)}`, { "spec-contract.config.json": JSON.stringify(config) });
    const error = await loadConfig({ cwd: root }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain(message);
  });

  test("a config that does not parse names the file", async () => {
    const root = await project("broken", { "spec-contract.config.json": "{ apis: " });
    await expect(loadConfig({ cwd: root })).rejects.toThrow(/^spec-contract\.config\.json: cannot load: /);
  });

  test("defineConfig gives back the config it is given", () => {
    const config = { apis: [API] };
    expect(defineConfig(config)).toBe(config);
  });

  test("this repository's own config loads and lists its three APIs", async () => {
    const loaded = await loadConfig({ cwd: join(PROJECT_ROOT, "generated") });
    expect(loaded!.file).toBe(join(PROJECT_ROOT, "spec-contract.config.mjs"));
    expect(loaded!.config.apis.map((a) => [a.name, a.output, a.strict])).toEqual([
      ["smartpay-v1", "generated/smartpay-v1", true],
      ["stripe-2024-06-20", "generated/stripe-2024-06-20", true],
      ["stripe-2025-09-30.clover", "generated/stripe-2025-09-30.clover", true],
    ]);
  });
});

/** Each interface's properties (name → optional?) as TypeScript sees them in config/types.ts. */
function interfaceProperties(): Map<string, Map<string, boolean>> {
  const file = join(PROJECT_ROOT, "config", "types.ts");
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
  const out = new Map<string, Map<string, boolean>>();
  source.forEachChild((node) => {
    if (!ts.isInterfaceDeclaration(node)) return;
    const props = new Map<string, boolean>();
    for (const member of node.members) if (ts.isPropertySignature(member)) props.set(member.name.getText(source), member.questionToken !== undefined);
    out.set(node.name.text, props);
  });
  return out;
}

describe("config/schema.json and config/types.ts", () => {
  test("describe the same objects: the same properties, the same required ones", () => {
    const schema = JSON.parse(readFileSync(join(PROJECT_ROOT, "config", "schema.json"), "utf8")) as {
      required: string[];
      properties: Record<string, unknown>;
      $defs: Record<string, { required?: string[]; properties: Record<string, unknown> }>;
    };
    const types = interfaceProperties();
    const objects = new Map([["SpecContractConfig", { required: schema.required, properties: schema.properties }], ...Object.entries(schema.$defs)]);
    expect([...types.keys()].sort()).toEqual([...objects.keys()].sort());
    for (const [name, props] of types) {
      const object = objects.get(name)!;
      const schemaProps = Object.keys(object.properties).filter((p) => p !== "$schema");
      expect(schemaProps.sort(), name).toEqual([...props.keys()].sort());
      const required = [...props].filter(([, optional]) => !optional).map(([p]) => p);
      expect([...(object.required ?? [])].sort(), name).toEqual(required.sort());
    }
  });
});
