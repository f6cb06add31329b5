import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runGenerate } from "../../generator/cli.js";
import { specFiles, watchGenerate } from "../../generator/watch.js";
import { DEFAULT_LIMITS } from "../../document/limits.js";
import { PROJECT_ROOT, scratchDir, spawnCli } from "../helpers/run-cli.js";

/** Resolves when `lines` has a line matching `pattern` (polled), or rejects after `ms`. */
async function waitFor(lines: string[], pattern: RegExp, ms = 60_000): Promise<string> {
  const deadline = Date.now() + ms;
  for (;;) {
    const line = lines.find((l) => pattern.test(l));
    if (line) return line;
    if (Date.now() > deadline) throw new Error(`no line matching ${pattern} in:\n${lines.join("\n")}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("generate --watch", () => {
  it("regenerates when the spec or a file its $refs read changes, says what changed, and stops when told", async () => {
    const dir = scratchDir("watch");
    writeFileSync(join(dir, "package.json"), "{}");
    const spec = readFileSync(join(PROJECT_ROOT, "spec/smartpay/v1.yaml"), "utf8");
    // Coupon lives in a file of its own, read through a $ref
    const coupon = /^ {4}Coupon:\n((?: {6}.*\n| {8,}.*\n)+)/m.exec(spec)!;
    const couponSchema = coupon[1]!.replace(/^ {6}/gm, "");
    writeFileSync(join(dir, "coupon.yaml"), couponSchema);
    writeFileSync(join(dir, "api.yaml"), spec.replace(coupon[0], `    Coupon:\n      $ref: "./coupon.yaml"\n`));
    const out: string[] = [];
    const err: string[] = [];
    const stop = new AbortController();
    const done = runGenerate(["--spec", "api.yaml", "--out", "out", "--watch", "--quiet"], { out: (s) => out.push(s), err: (s) => err.push(s), cwd: dir }, stop.signal);
    try {
      expect(await waitFor(out, /^watching /)).toBe("watching api.yaml, coupon.yaml (Ctrl-C stops)");
      expect(readFileSync(join(dir, "out/validators/response.ts"), "utf8")).not.toContain("watchNote");

      writeFileSync(join(dir, "coupon.yaml"), couponSchema.replace(/^properties:\n/m, "properties:\n  watchNote: { type: string }\n"));
      expect(await waitFor(err, /^changed: /)).toBe("changed: coupon.yaml");
      const line = await waitFor(out, /^regenerated in /);
      expect(line).toMatch(/^regenerated in \d+\.\d\ds: \d+ file\(s\) changed: .*out\/validators\/response\.ts/);
      expect(line).toContain("out/types.ts");
      expect(readFileSync(join(dir, "out/validators/response.ts"), "utf8")).toContain("watchNote");

      out.length = 0;
      err.length = 0;
      writeFileSync(join(dir, "api.yaml"), readFileSync(join(dir, "api.yaml"), "utf8").replace("title: ", "title: Watched "));
      expect(await waitFor(err, /^changed: /)).toBe("changed: api.yaml");
      expect(await waitFor(out, /^regenerated in /)).toMatch(/file\(s\) changed: out\/client\.ts/);
    } finally {
      stop.abort();
    }
    expect(await done).toBe(0);
  }, 180_000);

  it("stopped during a run, says it finishes that run first, then answers 0", async () => {
    const err: string[] = [];
    const stop = new AbortController();
    const slowRun = () => new Promise<{ code: number; files: Map<string, Map<string, string>> }>((done) => setTimeout(() => done({ code: 0, files: new Map() }), 300));
    const watching = watchGenerate({ out: () => {}, err: (s) => err.push(s), cwd: PROJECT_ROOT }, { root: PROJECT_ROOT, list: [] }, slowRun, stop.signal, DEFAULT_LIMITS);
    setTimeout(() => stop.abort(), 50);
    expect(await watching).toBe(0);
    expect(err).toEqual(["stopping once this run has written its output…"]);
  });

  it("stops cleanly on Ctrl-C (SIGINT) with exit code 0", async () => {
    const dir = scratchDir("watch-sigint");
    writeFileSync(join(dir, "package.json"), "{}");
    // a small spec: what is tested is the signal, not the generation
    const child = spawnCli(["generate", "--spec", join(PROJECT_ROOT, "test/generator/fixtures/good/petstore-30.yaml"), "--out", "out", "--watch", "--quiet"], { cwd: dir });
    const lines: string[] = [];
    child.stdout!.on("data", (chunk: Buffer) => lines.push(...chunk.toString().split("\n")));
    const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
    try {
      await waitFor(lines, /^watching /, 90_000);
      child.kill("SIGINT");
      expect(await exited).toBe(0);
    } finally {
      child.kill("SIGKILL");
    }
  }, 120_000);
});

describe("the files --watch follows", () => {
  it("are the spec and its $ref files within generate's bounds: nothing outside its folder, nothing but regular files", () => {
    const root = scratchDir("watch-bounds");
    mkdirSync(join(root, "api"), { recursive: true });
    writeFileSync(join(root, "outside.yaml"), "type: string\n");
    writeFileSync(join(root, "api", "big.yaml"), `description: ${"x".repeat(2_000)}\n`);
    writeFileSync(join(root, "api", "part.yaml"), "type: object\nproperties:\n  a: { $ref: 'big.yaml' }\n");
    const spec = join(root, "api", "openapi.yaml");
    writeFileSync(spec, "openapi: 3.1.0\ncomponents:\n  schemas:\n    A: { $ref: 'part.yaml' }\n    B: { $ref: '../outside.yaml' }\n    C: { $ref: '/dev/zero' }\n");
    const files = specFiles(spec, { ...DEFAULT_LIMITS, maxBytes: 1_000 });
    expect(files).toEqual([join(root, "api", "big.yaml"), spec, join(root, "api", "part.yaml")].sort());
    // big.yaml is watched (it may shrink) but not read past the byte bound
  });
});
