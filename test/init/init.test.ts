import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import YAML from "yaml";
import type { CommandIo } from "../../cli/io.js";
import { runInit } from "../../init/cli.js";
import { renderWorkflow } from "../../init/workflow.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "spec-contract-init-"));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

async function init(cwd: string, argv: string[] = []): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIo = { out: (s) => out.push(s), err: (s) => err.push(s), cwd };
  const code = await runInit(argv, io);
  return { code, out: out.join("\n"), err: err.join("\n") };
}

const PACKAGE = JSON.stringify({ name: "@acme/pets", version: "1.0.0", scripts: { test: "node --test", generate: "make api" } }, null, 4) + "\n";

describe("spec-contract init", () => {
  it("writes a config naming the spec it finds, adds the missing npm scripts and a CI workflow", async () => {
    const dir = project({ "package.json": PACKAGE, "openapi.yml": "openapi: 3.1.0\n" });
    const result = await init(dir);
    expect(result.code, result.err).toBe(0);
    const config = readFileSync(join(dir, "spec-contract.config.mjs"), "utf8");
    expect(config).toContain('import { defineConfig } from "spec-contract";');
    expect(config).toContain('spec: "openapi.yml"');
    expect(config).toContain('name: "pets"');
    expect(config).toContain('output: "src/api"');
    const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { scripts: Record<string, string> };
    // existing scripts untouched, the missing ones added
    expect(pkg.scripts).toEqual({
      test: "node --test",
      generate: "make api",
      "generate:check": "spec-contract generate --check",
      contract: "spec-contract test",
      diff: "spec-contract diff git:origin/main:openapi.yml openapi.yml",
    });
    expect(readFileSync(join(dir, "package.json"), "utf8")).toMatch(/^\{\n {4}"name"/); // its indentation kept
    expect(result.out).toContain("skipped npm scripts that exist: generate");
    const workflow = YAML.parse(readFileSync(join(dir, ".github/workflows/spec-contract.yml"), "utf8")) as { jobs: Record<string, { steps: { run?: string }[] }> };
    const runs = Object.values(workflow.jobs).flatMap((job) => job.steps.map((s) => s.run ?? ""));
    expect(runs).toContain("npx spec-contract generate --check");
    expect(runs.some((r) => r.includes('spec-contract diff "git:origin/${{ github.base_ref }}:openapi.yml" "openapi.yml"'))).toBe(true);
    expect(runs.some((r) => r.includes("spec-contract test --target"))).toBe(true);
  });

  it("never overwrites: a second run skips every file and changes nothing", async () => {
    const dir = project({ "package.json": PACKAGE, "openapi.json": "{}" });
    expect((await init(dir, ["--out", "api"])).code).toBe(0);
    const files = ["spec-contract.config.mjs", "package.json", ".github/workflows/spec-contract.yml"];
    writeFileSync(join(dir, "spec-contract.config.mjs"), "// mine\n");
    const before = files.map((f) => readFileSync(join(dir, f), "utf8"));
    const again = await init(dir, ["--spec", "other.yaml"]);
    expect(again.code).toBe(0);
    expect(files.map((f) => readFileSync(join(dir, f), "utf8"))).toEqual(before);
    expect(again.out).toContain("skipped spec-contract.config.mjs: it exists");
    expect(again.out).toContain("skipped .github/workflows/spec-contract.yml: it exists");
    expect(again.out).toContain("skipped npm scripts that exist: generate, generate:check, contract, diff");
  });

  it("with no spec found names openapi.yaml and says so; with no package.json skips the scripts", async () => {
    const dir = project({});
    const result = await init(dir);
    expect(result.code).toBe(0);
    expect(result.out).toContain("no openapi.yaml, openapi.yml, openapi.json here");
    expect(result.out).toContain("skipped npm scripts: no package.json here");
    expect(existsSync(join(dir, "package.json"))).toBe(false);
    expect(readFileSync(join(dir, "spec-contract.config.mjs"), "utf8")).toContain('spec: "openapi.yaml"');
  });

  it("a spec URL gets no diff script or job (no earlier version in git); a broken package.json is exit 2", async () => {
    const dir = project({ "package.json": "{}" });
    expect((await init(dir, ["--spec", "https://api.example.com/openapi.json"])).code).toBe(0);
    const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { scripts: Record<string, string> };
    expect(Object.keys(pkg.scripts).sort()).toEqual(["contract", "generate", "generate:check"]);
    expect(readFileSync(join(dir, ".github/workflows/spec-contract.yml"), "utf8")).not.toContain("spec-contract diff");
    const broken = project({ "package.json": "{ not json" });
    const result = await init(broken);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^spec-contract init: package\.json: /);
    expect(existsSync(join(broken, "spec-contract.config.mjs"))).toBe(false); // nothing written
  });

  it("docs/github-workflow.yml is the workflow init writes", () => {
    const docs = readFileSync(join(import.meta.dirname, "../../docs/github-workflow.yml"), "utf8");
    expect(docs).toBe(renderWorkflow({ spec: "openapi.yaml", remote: false, target: "http://127.0.0.1:3000" }));
  });
});
