import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runDiff } from "../../diff/cli.js";
import { runCli } from "../helpers/run-cli.js";

const root = resolve(import.meta.dirname, "../..");
const fixture = (name: string): string => `test/diff/fixtures/${name}`;
const V1 = fixture("pets-v1.yaml");
const BREAKING = fixture("pets-v2-breaking.yaml");
const WARNING = fixture("pets-v2-warning.yaml");

async function run(argv: string[], cwd = root): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runDiff(argv, { out: (s) => out.push(s), err: (s) => err.push(s), cwd });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("spec-contract diff: exit codes", () => {
  it.each([
    { argv: [V1, V1], code: 0, why: "a document compared with itself" },
    { argv: [V1, BREAKING], code: 1, why: "breaking changes, --fail-on breaking (default)" },
    { argv: [V1, BREAKING, "--fail-on", "none"], code: 0, why: "--fail-on none" },
    { argv: [V1, WARNING], code: 0, why: "only a warning, --fail-on breaking" },
    { argv: [V1, WARNING, "--fail-on", "warning"], code: 1, why: "a warning, --fail-on warning" },
    { argv: [V1, BREAKING, "--for", "servers"], code: 0, why: "client-only breakage, --for servers" },
    { argv: [BREAKING, V1, "--for", "servers"], code: 1, why: "the reverse direction breaks servers" },
  ])("exits $code for $why", async ({ argv, code }) => {
    expect((await run(argv)).code).toBe(code);
  });

  it.each([
    { argv: [V1], message: "expected <old> and <new>" },
    { argv: [V1, BREAKING, "--format", "html"], message: "--format must be one of text, markdown, json" },
    { argv: [V1, BREAKING, "--fail-on", "error"], message: "--fail-on must be one of" },
    { argv: [V1, BREAKING, "--colour"], message: "Unknown option '--colour'" },
    { argv: [V1, fixture("missing.yaml")], message: "cannot read test/diff/fixtures/missing.yaml: ENOENT" },
    { argv: [V1, fixture("not-openapi.yaml")], message: "not-openapi.yaml:1:1 is not an OpenAPI 3.0.x or 3.1.x document" },
    { argv: [V1, "git:no-such-ref-xyz:spec/x.yaml"], message: "cannot read git:no-such-ref-xyz:spec/x.yaml" },
    { argv: [V1, "git:HEAD"], message: "'git:HEAD' is not git:<ref>:<path>" },
  ])("exits 2 and says why: $message", async ({ argv, message }) => {
    const result = await run(argv);
    expect(result.code).toBe(2);
    expect(result.err).toContain(message);
  });

  // One spawn (the bin as users run it); every other exit code above is runDiff's return value.
  it("sets the process exit code when spawned (no 'printed an error, exited 0')", async () => {
    const spawned = await runCli(["diff", V1, BREAKING]);
    expect(spawned.code).toBe(1);
    expect(spawned.stdout).toContain("Breaking for clients (2)");
  });
});

describe("spec-contract diff: formats", () => {
  it("text groups by audience and operation, with the pointer and file:line:column on both sides", async () => {
    const { out } = await run([V1, BREAKING]);
    expect(out).toContain("2 change(s): 2 breaking for clients, 0 breaking for servers");
    expect(out).toContain("Breaking for clients (2)\n  GET /pets/{id}\n    response-enum-value-added [clients: breaking, servers: none]");
    expect(out).toContain("old: #/components/schemas/pet/properties/name (test/diff/fixtures/pets-v1.yaml:31:9)");
    expect(out).toContain("new: #/components/schemas/pet (test/diff/fixtures/pets-v2-breaking.yaml:25:5)");
  });

  it("markdown is a table per group", async () => {
    const { out } = await run([V1, BREAKING, "--format", "markdown"]);
    expect(out).toContain("#### Breaking for clients (2)");
    expect(out).toContain("| Operation | Rule | Clients | Servers | Change | Old | New |");
    expect(out).toContain("| `GET /pets/{id}` | `response-property-removed` | breaking | none | schema `pet`: property `name` removed |");
    expect(out).toContain("`#/components/schemas/pet/properties/name`<br>test/diff/fixtures/pets-v1.yaml:31");
  });

  it("json carries every change with both locations and a summary", async () => {
    const { out, code } = await run([V1, WARNING, "--format", "json", "--fail-on", "warning"]);
    expect(code).toBe(1);
    const report = JSON.parse(out) as { summary: Record<string, number>; changes: Record<string, unknown>[] };
    expect(report.summary).toEqual({ total: 1, breakingForClients: 0, breakingForServers: 0, warnings: 1, notBreaking: 0 });
    expect(report.changes[0]).toMatchObject({
      rule: "request-pattern-changed",
      client: "warning",
      server: "warning",
      operations: ["GET /pets/{id}"],
      old: { pointer: "#/paths/~1pets~1{id}/get/parameters/0/schema", file: V1, line: 13, column: 11 },
      new: { pointer: "#/paths/~1pets~1{id}/get/parameters/0/schema", file: WARNING, line: 13, column: 11 },
    });
  });

  it("prints 'No changes.' for a document compared with itself, in every format", async () => {
    expect((await run([V1, V1])).out).toContain("No changes.");
    expect((await run([V1, V1, "--format", "markdown"])).out).toContain("No changes.");
    expect(JSON.parse((await run([V1, V1, "--format", "json"])).out).changes).toEqual([]);
  });
});

describe("spec-contract diff: git:<ref>:<path>", () => {
  const repo = mkdtempSync(join(tmpdir(), "diff-git-"));
  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  it("reads the old side from a commit and the new side from the working tree", async () => {
    const git = (...args: string[]) =>
      execFileSync("git", ["-c", "user.email=t@example.com", "-c", "user.name=t", "-c", "commit.gpgsign=false", ...args], { cwd: repo, stdio: "pipe" });
    git("init", "-q");
    copyFileSync(join(root, V1), join(repo, "api.yaml"));
    git("add", "api.yaml");
    git("commit", "-q", "-m", "v1");
    copyFileSync(join(root, BREAKING), join(repo, "api.yaml"));
    const result = await run(["git:HEAD:api.yaml", "api.yaml"], repo);
    expect(result.code).toBe(1);
    expect(result.out).toContain("git:HEAD:api.yaml → api.yaml");
    expect(result.out).toContain("old: #/components/schemas/pet/properties/name (git:HEAD:api.yaml:31:9)");
    writeFileSync(join(repo, "api.yaml"), "openapi: [");
    expect((await run(["git:HEAD:api.yaml", "api.yaml"], repo)).err).toMatch(/api\.yaml:\d+:\d+ error SC001/);
  });
});
