import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { CommandIo } from "../../cli/io.js";
import { runGenerate } from "../../generator/cli.js";
import { listFiles } from "../../generator/write/drift.js";
import { PROJECT_ROOT } from "../helpers/run-cli.js";

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
  });
});
