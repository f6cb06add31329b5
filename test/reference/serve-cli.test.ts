import { afterEach, describe, expect, it } from "vitest";
import type { ChildProcess } from "node:child_process";
import { runServe } from "../../reference/cli.js";
import type { CommandIo } from "../../cli/io.js";
import { PROJECT_ROOT, spawnCli } from "../helpers/run-cli.js";
import { runCommand } from "../helpers/run-command.js";

const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
});

/** `spec-contract serve` as a user runs it: a child process, a real port, a signal to stop. */
function spawnServe(args: string[]): { child: ChildProcess; url: Promise<string>; exit: Promise<number | null> } {
  const child = spawnCli(["serve", ...args]);
  children.push(child);
  let text = "";
  const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const url = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no 'listening on' line within 60 s: ${text}`)), 60_000);
    // A process that exits first settles this promise at once: no timer left behind.
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
  url.catch(() => {});
  child.stderr!.on("data", (chunk: Buffer) => (text += chunk.toString()));
  return { child, url, exit };
}

/** `serve` in-process: resolves its URL once listening; `stop()` plays the part of the signal. */
function serveInProcess(args: string[]): { url: Promise<string>; stop: (signal: string) => void; done: Promise<{ code: number; stderr: string }> } {
  let stop!: (signal: string) => void;
  const stopped = new Promise<string>((resolve) => (stop = resolve));
  let listening!: (url: string) => void;
  const url = new Promise<string>((resolve) => (listening = resolve));
  const err: string[] = [];
  const io: CommandIo = {
    out: (line) => {
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
      if (match) listening(match[1]!);
    },
    err: (line) => err.push(line),
    cwd: PROJECT_ROOT,
  };
  const done = runServe(args, io, { stop: stopped }).then((code) => ({ code, stderr: err.join("\n") }));
  return { url, stop, done };
}

describe("spec-contract serve", () => {
  it("spawned: serves, prints its URL and stops cleanly on SIGINT with exit code 0", async () => {
    const run = spawnServe(["stripe", "--port", "0", "--host", "127.0.0.1"]);
    const res = await fetch(`${await run.url}/v1/promotion_codes`);
    expect(res.status).toBe(401);
    run.child.kill("SIGINT");
    expect(await run.exit).toBe(0);
  }, 90_000);

  it.each([["stripe", "/v1/promotion_codes"], ["smartpay", "/v1/promotion-codes"]] as const)("serves %s and stops cleanly when told", async (api, path) => {
    const run = serveInProcess([api, "--port", "0", "--host", "127.0.0.1"]);
    const res = await fetch(`${await run.url}${path}`);
    expect(res.status).toBe(401);
    run.stop("SIGTERM");
    const { code, stderr } = await run.done;
    expect(code).toBe(0);
    expect(stderr).toContain("stopped (SIGTERM)");
    await expect(fetch(`${await run.url}${path}`)).rejects.toThrow();
  });

  it("describes its flags with --help and exits 0", async () => {
    const run = await runCommand(runServe, ["--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("--port N");
    expect(run.stdout).toContain("--host ADDRESS");
  });

  it.each([
    [["nothing"], "unknown API 'nothing'"],
    [[], "which API?"],
    [["stripe", "--port", "x"], "--port needs a number"],
    [["stripe", "--bogus"], "Unknown option '--bogus'"],
    [["stripe", "smartpay"], "unexpected argument 'smartpay'"],
  ])("exits 2 with a clear message for %j", async (args, message) => {
    const run = await runCommand(runServe, args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });
});
