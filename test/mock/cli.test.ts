import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runGenerate } from "../../generator/cli.js";
import { request } from "undici";
import { parseTarget } from "../../contract-tests/harness/target.js";
import { runMock, type MockRunOptions } from "../../mock/cli.js";
import { PETS, ROOT } from "./helpers.js";

/** Run `spec-contract mock` in-process until it prints its URL; returns the URL, the output and a stop function. */
async function startCli(argv: string[], cwd = ROOT, run: Omit<MockRunOptions, "signal"> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const controller = new AbortController();
  let onListening: (url: string) => void = () => {};
  const listening = new Promise<string>((resolve) => (onListening = resolve));
  const exit = runMock(argv, { out: (s) => (out.push(s), s.startsWith("listening on ") && onListening(s.slice(13))), err: (s) => err.push(s), cwd }, { ...run, signal: controller.signal });
  const url = await Promise.race([listening, exit.then((code) => Promise.reject(new Error(`exited ${code}: ${err.join("\n")}`)))]);
  return { url, out, err, stop: async () => (controller.abort(), exit) };
}

describe("spec-contract mock (CLI)", () => {
  it("serves --spec <doc> on 127.0.0.1, prints its URL and stops with 0", async () => {
    const cli = await startCli(["--spec", PETS, "--seed", "5"]);
    expect(cli.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await request(`${cli.url}/pets/pet_1`, { headers: { "x-api-key": "k" } });
    expect(res.statusCode).toBe(200);
    expect(((await res.body.json()) as { name: string }).name).toBe("Rex");
    expect(await cli.stop()).toBe(0);
  });

  it("serves an API generated beforehand by name, with --state", async () => {
    const cli = await startCli(["smartpay-v1", "--state"]);
    const auth = { authorization: `Basic ${Buffer.from("sk_test_x:").toString("base64")}` };
    const missing = await request(`${cli.url}/v1/coupons/coupon_nothing`, { headers: auth });
    await missing.body.text();
    expect(missing.statusCode).toBe(404);
    expect(await cli.stop()).toBe(0);
  });

  it("finds an API by its name in the project's config, generated into the config's output folder", async () => {
    const project = mkdtempSync(join(tmpdir(), "spec-contract-mock-config-"));
    try {
      copyFileSync(PETS, join(project, "pets.yaml"));
      writeFileSync(join(project, "spec-contract.config.json"), JSON.stringify({ apis: [{ name: "pets", spec: "pets.yaml", output: "src/api" }] }));
      const generated = await runGenerate(["--quiet"], { out: () => {}, err: () => {}, cwd: project });
      expect(generated).toBe(0);
      const cli = await startCli(["pets"], join(project, "src"));
      const res = await request(`${cli.url}/pets/pet_1`, { headers: { "x-api-key": "k" } });
      expect(res.statusCode).toBe(200);
      await res.body.text();
      expect(await cli.stop()).toBe(0);
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });

  it("warns when the spec changed since it was generated, naming what changed, and still serves", async () => {
    const project = mkdtempSync(join(tmpdir(), "spec-contract-mock-stale-"));
    try {
      copyFileSync(PETS, join(project, "pets.yaml"));
      writeFileSync(join(project, "spec-contract.config.json"), JSON.stringify({ apis: [{ name: "pets", spec: "pets.yaml", output: "generated/pets" }] }));
      expect(await runGenerate(["--quiet"], { out: () => {}, err: () => {}, cwd: project })).toBe(0);
      const fresh = await startCli(["pets"], project, { staleCheckDelayMs: 0 });
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await fresh.stop()).toBe(0);
      expect(fresh.err.join("\n")).not.toContain("changed since");
      writeFileSync(join(project, "pets.yaml"), readFileSync(PETS, "utf8").replace("/shapes:", "/shapes:\n    description: changed"));
      const stale = await startCli(["pets"], project, { staleCheckDelayMs: 0 });
      for (let i = 0; i < 100 && !stale.err.join("\n").includes("changed since"); i++) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(stale.err.join("\n")).toMatch(/pets\.yaml changed since it was generated \(#\/paths\/~1shapes\/description\); .*spec-contract generate/);
      const res = await request(`${stale.url}/shapes`);
      expect(res.statusCode).toBe(200);
      await res.body.text();
      expect(await stale.stop()).toBe(0);
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });

  it.each([
    [[], "give either an API name or --spec"],
    [["--spec", "nope.yaml"], "no such file 'nope.yaml'"],
    [["no-such-api"], "unknown API 'no-such-api'"],
    [["--spec", PETS, "--port", "70000"], "--port needs a number"],
    [["--spec", PETS, "--seed", "-1"], "--seed"],
    [["--spec", PETS, "--bogus"], "bogus"],
  ])("exits 2 with a usage message for %j", async (argv, message) => {
    const err: string[] = [];
    const code = await runMock(argv as string[], { out: () => {}, err: (s) => err.push(s), cwd: ROOT });
    expect(code).toBe(2);
    expect(err.join("\n")).toContain(message);
    // the usage text only for arguments that are wrong, not for a file or an API that is missing
    expect(err.join("\n").includes("Usage:"), err.join("\n")).toBe(!/no such file|unknown API/.test(message));
  });

  it("exits 2 naming file:line for a $ref that points at nothing, as generate does (it served, accepting any body)", async () => {
    const err: string[] = [];
    const code = await runMock(["--spec", "test/generator/fixtures/bad/unresolvable-ref.yaml"], { out: () => {}, err: (s) => err.push(s), cwd: ROOT });
    expect(code).toBe(2);
    expect(err.join("\n")).toMatch(/unresolvable-ref\.yaml:\d+:\d+ error SC003 .*#\/components\/schemas\/Missing/);
  });

  it("exits 2 naming file:line for a document with errors", async () => {
    const err: string[] = [];
    const code = await runMock(["--spec", "test/generator/fixtures/bad/malformed.yaml"], { out: () => {}, err: (s) => err.push(s), cwd: ROOT });
    expect(code).toBe(2);
    expect(err.join("\n")).toMatch(/malformed\.yaml:\d+:\d+/);
  });

  it("is a target of spec-contract test", () => {
    expect(parseTarget("mock")).toEqual({ kind: "mock" });
  });
});
