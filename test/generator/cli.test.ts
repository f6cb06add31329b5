import { writeFileSync, readFileSync, rmSync, cpSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runGenerate } from "../../generator/cli.js";
import { PROJECT_ROOT, runCli, scratchDir } from "../helpers/run-cli.js";
import { runCommand } from "../helpers/run-command.js";

/** `generate` in-process, as the CLI runs it (argv without the command name). */
const generate = (argv: string[]) => runCommand(runGenerate, argv);

const SHAPES = "test/generator/fixtures/good/shapes-31.yaml";

describe("spec-contract generate: exit codes", () => {
  it("prints help and exits 0", async () => {
    const r = await generate(["--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("--check");
    expect(r.stdout).toContain("Exit codes: 0 ok, 1 diagnostics with errors or drift, 2 usage or I/O error.");
  });

  it("exits 2 on an unknown flag, a lone --spec and a missing file", async () => {
    const unknown = await generate(["--frobnicate"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Unknown option '--frobnicate'");
    const lone = await generate(["--spec", SHAPES]);
    expect(lone.code).toBe(2);
    expect(lone.stderr).toContain("--spec and --out go together");
    const missing = await generate(["--spec", "nope/absent.yaml", "--out", ".scratch/absent"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("cannot read");
  });

  it("spawned (the bin as users run it): sets the exit code and prints diagnostics; an unknown command exits 2", async () => {
    const out = join(scratchDir("spawn"), "out");
    const [bad, command] = await Promise.all([
      runCli(["generate", "--spec", "test/generator/fixtures/bad/duplicate-operation-id.yaml", "--out", out, "--quiet"]),
      runCli(["frobnicate"]),
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(" error SC005 ");
    expect(command.code).toBe(2);
    expect(command.stderr).toContain("unknown command 'frobnicate'");
  });

  it("--check exits 0 when up to date, 1 naming stale, missing and extra files, and writes nothing", async () => {
    const out = join(scratchDir("check"), "out");
    expect((await generate(["--spec", SHAPES, "--out", out, "--quiet"])).code).toBe(0);
    const clean = await generate(["--spec", SHAPES, "--out", out, "--check", "--quiet"]);
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.stdout).toContain("up to date");

    writeFileSync(join(out, "types.ts"), "// edited by hand\n");
    rmSync(join(out, "examples.json"));
    writeFileSync(join(out, "leftover.ts"), "export {};\n");
    const drift = await generate(["--spec", SHAPES, "--out", out, "--check", "--quiet"]);
    expect(drift.code).toBe(1);
    expect(drift.stderr).toMatch(/stale: +.*\/types\.ts/);
    expect(drift.stderr).toMatch(/missing: +.*\/examples\.json/);
    expect(drift.stderr).toMatch(/extra: +.*\/leftover\.ts/);
    expect(readFileSync(join(out, "types.ts"), "utf8")).toBe("// edited by hand\n");
  });

  it("a spec change makes --check fail until regenerated, and regeneration removes stale files", async () => {
    const dir = scratchDir("change");
    cpSync(join(PROJECT_ROOT, "test/generator/fixtures/good"), join(dir, "spec"), { recursive: true });
    const spec = join(dir, "spec", "shapes-31.yaml");
    const out = join(dir, "out");
    expect((await generate(["--spec", spec, "--out", out, "--quiet"])).code).toBe(0);
    writeFileSync(join(out, "orphan.ts"), "export {};\n");
    writeFileSync(spec, readFileSync(spec, "utf8").replace("enum: [circle, polygon]", "enum: [circle, polygon, star]"));
    const drift = await generate(["--spec", spec, "--out", out, "--check", "--quiet"]);
    expect(drift.code).toBe(1);
    expect(drift.stderr).toMatch(/stale: +.*types\.ts/);
    // the spec change behind the drift, named by pointer
    expect(drift.stderr).toContain("spec changes behind it:");
    expect(drift.stderr).toMatch(/changed in .*shapes-31\.yaml: #\/components\/schemas\/kind\n/);
    expect(drift.stderr).not.toContain("#/components/schemas/shape\n");
    expect((await generate(["--spec", spec, "--out", out, "--quiet"])).code).toBe(0);
    expect(readFileSync(join(out, "types.ts"), "utf8")).toContain('"star"');
    const after = await generate(["--spec", spec, "--out", out, "--check", "--quiet"]);
    expect(after.code, after.stderr).toBe(0);
  });
});
