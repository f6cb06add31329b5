import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { onTestFinished } from "vitest";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const BIN = join(PROJECT_ROOT, "bin", "spec-contract.js");

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * The one place tests start the real bin (smoke tests, one per command; everything else calls the
 * command functions in-process, see run-command.ts). A long-running command (serve), piped.
 */
export function spawnCli(args: string[], options: { cwd?: string } = {}): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? PROJECT_ROOT, stdio: ["ignore", "pipe", "pipe"] });
}

/** Spawn the real CLI (as a user would), bounded in time; never throws on a non-zero exit. */
export function runCli(args: string[], options: { cwd?: string; timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: options.cwd ?? PROJECT_ROOT, timeout: options.timeoutMs ?? 120_000, env: { ...process.env, ...options.env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 2) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });
}

/**
 * A temporary folder inside the project (generated code must resolve node_modules and the
 * package's own `exports`), removed when the calling test finishes.
 */
export function scratchDir(prefix: string): string {
  const dir = mkdtempSync(join(PROJECT_ROOT, `.scratch-${prefix}-`));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
