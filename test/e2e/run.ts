/**
 * End-to-end: spec-contract as a user gets it. In a fresh project under the OS temp folder: `npm pack` +
 * install the tarball (offline from npm's cache when it can), a small spec with examples, `init`,
 * `generate`, a TypeScript server on the skeleton compiled by the user's own tsc and run on plain node,
 * the client from plain JavaScript, `test` against that server / a broken copy / a closed port,
 * `generate --check` after a spec edit, `diff`. Run with `npm run e2e` (not part of `npm test`).
 * Every step is bounded in time; every process it starts is stopped; the project is removed.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { CLIENT_JS, SERVER, SPEC, TSCONFIG } from "./project-files.js";

const ROOT = resolve(import.meta.dirname, "../..");
const STEP_TIMEOUT_MS = 180_000;
const work = mkdtempSync(join(tmpdir(), "spec-contract-e2e-"));
const app = join(work, "app");
const started: ChildProcess[] = [];
let failures = 0;

interface Run {
  code: number | null;
  /** stdout and stderr together */
  out: string;
  stdout: string;
}

/** Run a command to completion (no shell); stdout and stderr together. */
function run(command: string, args: string[], cwd: string, env: Record<string, string> = {}): Run {
  const r = spawnSync(command, args, { cwd, encoding: "utf8", timeout: STEP_TIMEOUT_MS, env: { ...process.env, NO_COLOR: "1", ...env } });
  return { code: r.status, out: `${r.stdout ?? ""}${r.stderr ?? ""}${r.error ? String(r.error) : ""}`, stdout: r.stdout ?? "" };
}

const npx = (args: string[]): Run => run("npx", ["--no-install", ...args], app);

async function step(name: string, body: () => void | Promise<void>): Promise<void> {
  const t = performance.now();
  try {
    await body();
    console.log(`ok     ${name} (${Math.round(performance.now() - t)} ms)`);
  } catch (error) {
    failures++;
    console.log(`FAILED ${name}\n${String((error as Error).message).replace(/^/gm, "       ")}`);
  }
}

function expect(condition: boolean, message: string, r?: Run): void {
  if (!condition) throw new Error(r ? `${message} (exit ${r.code})\n${r.out.slice(0, 4000)}` : message);
}

/** Start `node <file>` in the project; resolves with the URL it prints. */
function startServer(file: string): Promise<string> {
  const child = spawn(process.execPath, [file], { cwd: app, stdio: ["ignore", "pipe", "pipe"] });
  started.push(child);
  return new Promise((resolveUrl, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`${file} did not start in 20 s:\n${output}`)), 20_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1]!);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${file} exited with ${code}:\n${output}`));
    });
  });
}

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const { createServer } = await import("node:net");
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

async function main(): Promise<void> {
  let tarball = "";
  const ready = (): void => expect(tarball !== "", "no tarball (npm pack failed)");
  await step("npm pack builds a tarball of dist/, templates/, runtime sources, README and LICENSE only", () => {
    const r = run("npm", ["pack", "--pack-destination", work, "--json"], ROOT);
    expect(r.code === 0, "npm pack failed", r);
    const [info] = JSON.parse(r.stdout.slice(r.stdout.search(/^\[$/m))) as { filename: string; files: { path: string }[] }[];
    tarball = join(work, info!.filename);
    const tops = new Set(info!.files.map((f) => f.path.split("/")[0]));
    for (const unwanted of ["test", "bench", "generated", "spec", "contract-tests", "node_modules"]) expect(!tops.has(unwanted), `the tarball ships ${unwanted}/`);
    expect(info!.files.some((f) => f.path === "dist/bin/main.js"), "no dist/bin/main.js in the tarball");
  });

  await step("a fresh project installs the tarball and typescript (offline from the npm cache)", () => {
    ready();
    rmSync(app, { recursive: true, force: true });
    run("mkdir", ["-p", app], work);
    writeFileSync(join(app, "package.json"), JSON.stringify({ name: "notes-app", version: "1.0.0", private: true, type: "module", scripts: { test: "echo none" } }, null, 2) + "\n");
    writeFileSync(join(app, "openapi.yaml"), SPEC);
    writeFileSync(join(app, "tsconfig.json"), TSCONFIG);
    const typescript = (JSON.parse(readFileSync(join(ROOT, "node_modules/typescript/package.json"), "utf8")) as { version: string }).version;
    let r = run("npm", ["install", "--offline", "--no-audit", "--no-fund", "-D", tarball, `typescript@${typescript}`], app);
    if (r.code !== 0) r = run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "-D", tarball, `typescript@${typescript}`], app);
    expect(r.code === 0, "npm install failed", r);
  });

  await step("npx spec-contract --version runs on plain node", () => {
    const r = npx(["spec-contract", "--version"]);
    const version = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version;
    expect(r.code === 0 && r.out.trim() === version, `expected ${version}`, r);
  });

  await step("spec-contract init writes the config, npm scripts and workflow", () => {
    const r = npx(["spec-contract", "init", "--out", "src/api"]);
    expect(r.code === 0, "init failed", r);
    expect(readFileSync(join(app, "spec-contract.config.mjs"), "utf8").includes('spec: "openapi.yaml"'), "config does not name openapi.yaml");
    const scripts = (JSON.parse(readFileSync(join(app, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
    expect(scripts.test === "echo none" && scripts.generate === "spec-contract generate", `scripts: ${JSON.stringify(scripts)}`);
    expect(readdirSync(join(app, ".github/workflows")).includes("spec-contract.yml"), "no workflow");
  });

  await step("spec-contract generate (flags) writes the API with its runtime", () => {
    const r = npx(["spec-contract", "generate", "--spec", "openapi.yaml", "--out", "src/api"]);
    expect(r.code === 0, "generate failed", r);
    expect(r.out.includes("→ src/api/"), "generate does not name src/api/", r);
  });

  await step("spec-contract generate --check (from the config init wrote) is clean", () => {
    const r = run("npm", ["run", "--silent", "generate:check"], app);
    expect(r.code === 0, "generate --check through the config failed", r);
  });

  await step("the user's tsc (strict, nodenext, outDir dist) builds a server on the skeleton", () => {
    writeFileSync(join(app, "src/server.ts"), SERVER);
    const r = npx(["tsc", "-p", "."]);
    expect(r.code === 0, "tsc failed", r);
    expect(readdirSync(join(app, "dist/api/validators")).some((f) => f.endsWith(".js")), "validators not compiled into dist/");
  });

  let url = "";
  await step("plain node runs the compiled server, validators included", async () => {
    url = await startServer("dist/server.js");
    const bad = await fetch(`${url}/notes`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(bad.status === 400, `an invalid body got ${bad.status}, not 400`);
  });

  await step("plain JavaScript imports the generated client and calls the server", () => {
    writeFileSync(join(app, "client-check.mjs"), CLIENT_JS);
    const r = run(process.execPath, ["client-check.mjs", url], app);
    expect(r.code === 0 && r.out.includes('"text":"first note"'), "client call failed", r);
  });

  await step("generate --lang js: a plain JavaScript project imports the .js client (no tsc)", () => {
    const g = npx(["spec-contract", "generate", "--spec", "openapi.yaml", "--out", "js-api", "--lang", "js"]);
    expect(g.code === 0, "generate --lang js failed", g);
    writeFileSync(join(app, "js-client-check.mjs"), CLIENT_JS.replace("./dist/api/client.js", "./js-api/client.js"));
    const r = run(process.execPath, ["js-client-check.mjs", url], app);
    expect(r.code === 0 && r.out.includes('"text":"first note"'), "client call failed", r);
  });

  await step("spec-contract test against that server: green", () => {
    const r = npx(["spec-contract", "test", "--spec", "openapi.yaml", "--target", url]);
    expect(r.code === 0, "contract tests failed", r);
  });

  await step("spec-contract test against a broken copy: exit 1 naming the fault", async () => {
    const broken = readFileSync(join(app, "dist/server.js"), "utf8").replace('text: "first note"', "text: 42");
    expect(broken.includes("text: 42"), "could not break the server copy");
    writeFileSync(join(app, "dist/server-broken.js"), broken);
    const brokenUrl = await startServer("dist/server-broken.js");
    const r = npx(["spec-contract", "test", "--spec", "openapi.yaml", "--target", brokenUrl]);
    expect(r.code === 1, "expected exit 1", r);
    expect(r.out.includes("getNote") && r.out.includes("/text"), "the report does not name getNote and /text", r);
  });

  await step("spec-contract test against a closed port: exit 2, one message", async () => {
    const port = await closedPort();
    const r = npx(["spec-contract", "test", "--spec", "openapi.yaml", "--target", `http://127.0.0.1:${port}`]);
    expect(r.code === 2, "expected exit 2", r);
    const lines = r.out.split("\n").filter((l) => l.trim() !== "");
    expect(lines.length <= 3 && r.out.includes(String(port)) && !/passed/i.test(r.out), "expected one message naming the target", r);
  });

  await step("generate --check after a spec edit: exit 1 naming the change", () => {
    copyFileSync(join(app, "openapi.yaml"), join(app, "openapi-v1.yaml"));
    writeFileSync(join(app, "openapi.yaml"), SPEC.replace("text: { type: string, minLength: 1 }", "text: { type: string, minLength: 1, maxLength: 500 }"));
    const r = npx(["spec-contract", "generate", "--spec", "openapi.yaml", "--out", "src/api", "--check"]);
    expect(r.code === 1, "expected exit 1", r);
    expect(r.out.includes("#/components/schemas/NoteCreate") && r.out.includes("spec-contract generate"), "does not name the change and the fix", r);
  });

  await step("spec-contract diff between two versions of the spec", () => {
    writeFileSync(join(app, "openapi.yaml"), SPEC.replace("required: [id, text]", "required: [id]"));
    const r = npx(["spec-contract", "diff", "openapi-v1.yaml", "openapi.yaml"]);
    expect(r.code === 1, "expected exit 1 (a breaking change)", r);
    expect(/breaking/i.test(r.out) && r.out.includes("text"), "the report does not name the breaking change", r);
  });
}

try {
  await main();
} finally {
  for (const child of started) child.kill();
  rmSync(work, { recursive: true, force: true });
}
console.log(failures === 0 ? "e2e: all steps passed" : `e2e: ${failures} step(s) failed`);
process.exitCode = failures === 0 ? 0 : 1;
