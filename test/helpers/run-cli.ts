import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const BIN = join(PROJECT_ROOT, "bin", "spec-contract.js");

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
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
