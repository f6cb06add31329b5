import { afterEach, describe, expect, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { ROOT } from "../server/helpers/fixture-server.js";

// `spec-contract serve` as a user runs it: a child process, a real port, a signal to stop.
const BIN = join(ROOT, "bin", "spec-contract.js");
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
});

function serve(args: string[]): { child: ChildProcess; url: Promise<string>; exit: Promise<number | null>; output: () => string } {
  const child = spawn(process.execPath, [BIN, "serve", ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let text = "";
  const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const url = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no 'listening on' line within 20 s: ${text}`)), 20_000);
    // A process that exits first (usage errors) settles this promise at once: no timer left behind.
    void exit.then((code) => {
      clearTimeout(timer);
      reject(new Error(`exited ${code} before listening: ${text}`));
    });
    child.stdout!.on("data", (chunk: Buffer) => {
      text += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(text);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
  });
  // Tests that expect an early exit never await `url`: mark its rejection as handled.
  url.catch(() => {});
  child.stderr!.on("data", (chunk: Buffer) => (text += chunk.toString()));
  return { child, url, exit, output: () => text };
}

describe("spec-contract serve", () => {
  it.each([["stripe", "SIGINT", "/v1/promotion_codes"], ["smartpay", "SIGTERM", "/v1/promotion-codes"]] as const)(
    "serves %s, prints its URL and stops cleanly on %s",
    async (api, signal, path) => {
      const run = serve([api, "--port", "0", "--host", "127.0.0.1"]);
      const url = await run.url;
      const res = await fetch(`${url}${path}`);
      expect(res.status).toBe(401);
      run.child.kill(signal);
      expect(await run.exit).toBe(0);
    },
    30_000,
  );

  it("describes its flags with --help and exits 0", async () => {
    const run = serve(["--help"]);
    expect(await run.exit).toBe(0);
    expect(run.output()).toContain("--port N");
    expect(run.output()).toContain("--host ADDRESS");
  }, 30_000);

  it.each([[["nothing"], "unknown API 'nothing'"], [[], "which API?"], [["stripe", "--port", "x"], "--port needs a number"], [["stripe", "--bogus"], "unknown option '--bogus'"]])(
    "exits 2 with a clear message for %j",
    async (args, message) => {
      const run = serve(args);
      expect(await run.exit).toBe(2);
      expect(run.output()).toContain(message);
    },
    30_000,
  );
});
