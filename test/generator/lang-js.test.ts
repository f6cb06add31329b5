import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { CommandIo } from "../../cli/io.js";
import { runGenerate } from "../../generator/cli.js";
import { listFiles } from "../../generator/write/drift.js";
import { PROJECT_ROOT } from "../helpers/run-cli.js";

/** A TypeScript user of the JavaScript output: what it may call, and one misuse (line 5) that must be an error. */
const USER = `import { createClient } from "./api/client.js";
import { validatePet } from "./api/validators.js";
const client = createClient({ baseUrl: "http://127.0.0.1:1" });
export const name: Promise<string> = client.pets.retrieve(7).then((pet) => pet.name);
export const wrong = client.pets.retrieve("seven");
export const checked: boolean = validatePet({}).ok;
`;

/**
 * Type errors in the written declarations (checked as they are, skipLibCheck off for them) and in a
 * file that uses them, in tsc's "file(line,col): message" form.
 */
async function declarationErrors(root: string): Promise<string[]> {
  // the instance the generator loaded (require), not a second one
  const ts = createRequire(import.meta.url)("typescript") as typeof import("typescript");
  const options: import("typescript").CompilerOptions = { strict: true, noEmit: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, types: [] };
  const user = join(root, "user.ts");
  const program = ts.createProgram([user], options);
  const ours = program.getSourceFiles().filter((f) => f.fileName.startsWith(join(root, "api")) || f.fileName === user);
  expect(ours.filter((f) => f.fileName.endsWith(".d.ts")).length).toBeGreaterThan(5);
  return ours.flatMap((f) =>
    [...program.getSyntacticDiagnostics(f), ...program.getSemanticDiagnostics(f)].map((d) => {
      const { line, character } = f.getLineAndCharacterOfPosition(d.start ?? 0);
      return `${f.fileName.slice(root.length + 1)}(${line + 1},${character + 1}): ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`;
    }),
  );
}

// Under the project root, so the output's `ajv`, `fastify` and `qs` imports resolve as in a user's project.
const dir = mkdtempSync(join(PROJECT_ROOT, ".scratch-lang-js-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Plain JavaScript: the generated server skeleton on Fastify, called through the generated client. */
const PROBE = `
import Fastify from "fastify";
import { plugin } from "./api/server.js";
import { createClient } from "./api/client.js";
const app = Fastify();
await app.register(plugin, { handlers: {
  async findPets() { return { status: 200, body: [{ id: 1, name: "Rex" }] }; },
  async addPet({ body }) { return { status: 200, body: { id: 2, ...body } }; },
  async findPetById({ params }) { return { status: 200, body: { id: params.id, name: "Rex" } }; },
  async deletePet() { return { status: 204 }; },
} });
const url = await app.listen({ port: 0, host: "127.0.0.1" });
try {
  const client = createClient({ baseUrl: url });
  const pet = await client.pets.retrieve(7);
  const bad = await fetch(url + "/pets", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
  console.log(JSON.stringify({ pet, badStatus: bad.status }));
} finally {
  await app.close();
}
`;

describe("generate --lang js", () => {
  it("writes .js beside .d.ts that plain node runs: server skeleton, validators and client", async () => {
    const lines: string[] = [];
    const io: CommandIo = { out: (s) => lines.push(s), err: (s) => lines.push(s), cwd: dir };
    const spec = join(PROJECT_ROOT, "test/generator/fixtures/good/petstore-30.yaml");
    expect(await runGenerate(["--spec", spec, "--out", "api", "--lang", "js", "--quiet"], io), lines.join("\n")).toBe(0);
    const files = listFiles(join(dir, "api"));
    expect(files.filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))).toEqual([]);
    for (const f of files.filter((f) => f.endsWith(".js"))) expect(files, f).toContain(f.replace(/\.js$/, ".d.ts"));
    expect(files).toContain("validators/response.js");
    writeFileSync(join(dir, "probe.mjs"), PROBE);
    const out = execFileSync(process.execPath, ["probe.mjs"], { cwd: dir, encoding: "utf8", timeout: 60_000 });
    const result = JSON.parse(out) as { pet: { id: number; name: string }; badStatus: number };
    expect(result.pet).toEqual({ id: 7, name: "Rex" });
    expect(result.badStatus).toBe(400); // the request validator ran
    expect(readdirSync(join(dir, "api"))).toContain("server.d.ts");
    // The declarations type a TypeScript user's calls: right ones compile, a wrong argument does not.
    writeFileSync(join(dir, "user.ts"), USER);
    const errors = await declarationErrors(dir);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^user\.ts\(5,\d+\): Argument of type 'string' is not assignable to parameter of type 'number'/);
  });
});
