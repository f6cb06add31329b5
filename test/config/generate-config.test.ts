import { cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { runGenerate } from "../../generator/cli.js";
import { runContract } from "../../contract-tests/harness/cli.js";
import { PROJECT_ROOT } from "../helpers/run-cli.js";
import { capture } from "../harness/run-cli-inprocess.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "spec-contract-generate-config-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("spec-contract generate with a config file", () => {
  test("generates every configured API into its output (paths relative to the config), from a subfolder too", async () => {
    const project = join(dir, "project");
    await mkdir(join(project, "api", "src"), { recursive: true });
    await cp(join(PROJECT_ROOT, "test/harness/fixtures/widgets.yaml"), join(project, "api", "widgets.yaml"));
    await writeFile(join(project, "spec-contract.config.json"), JSON.stringify({ apis: [{ name: "widgets", spec: "api/widgets.yaml", output: "api/src/generated" }] }));
    const result = await capture(runGenerate, ["--quiet"], join(project, "api", "src"));
    expect(result.code, result.err).toBe(0);
    expect(result.out).toContain("api/widgets.yaml → api/src/generated/");
    expect(existsSync(join(project, "api", "src", "generated", "client.ts"))).toBe(true);
    const check = await capture(runGenerate, ["--check", "--quiet", "widgets"], project);
    const fromElsewhere = await capture(runContract, ["widgets", "--target", "http://127.0.0.1:1"], join(project, "api"));
    expect(fromElsewhere.err).not.toContain("stale");
    expect(check.code, check.err).toBe(0);
  }, 60_000);

  test("no config and no --spec: exit 2 saying what to do; a bad config: exit 2 naming the field", async () => {
    const empty = join(dir, "empty");
    await mkdir(empty, { recursive: true });
    const none = await capture(runGenerate, [], empty);
    expect(none.code).toBe(2);
    expect(none.err).toContain("no spec-contract.config.{ts,mjs,js,json} in");
    expect(none.err).toContain("pass --spec <file> --out <dir>");
    const bad = join(dir, "bad");
    await mkdir(bad, { recursive: true });
    await writeFile(join(bad, "spec-contract.config.json"), JSON.stringify({ apis: [{ name: "x", spec: 3 }] }));
    const result = await capture(runGenerate, [], bad);
    expect(result.code).toBe(2);
    expect(result.err).toBe("spec-contract generate: spec-contract.config.json: apis[0].spec: must be string");
    const unknown = await capture(runGenerate, ["nope"], PROJECT_ROOT);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("unknown API 'nope' (known: smartpay-v1, stripe-2024-06-20, stripe-2025-09-30.clover)");
  });
});
