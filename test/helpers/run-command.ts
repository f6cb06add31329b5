import type { CommandIo } from "../../cli/io.js";
import { PROJECT_ROOT, type CliResult } from "./run-cli.js";

export type Command = (argv: string[], io: CommandIo) => Promise<number>;

/**
 * Run a command function in-process (no spawn: a spawn pays ~2 s of start-up), with its output
 * captured as a spawned run would print it (one line per call). Process state a command could
 * leave behind (cwd, exitCode, environment) is restored afterwards, so tests stay isolated.
 */
export async function runCommand(command: Command, argv: string[], options: { cwd?: string } = {}): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const saved = { cwd: process.cwd(), exitCode: process.exitCode, env: { ...process.env } };
  try {
    const code = await command(argv, { out: (s) => out.push(`${s}\n`), err: (s) => err.push(`${s}\n`), cwd: options.cwd ?? PROJECT_ROOT });
    return { code, stdout: out.join(""), stderr: err.join("") };
  } finally {
    if (process.cwd() !== saved.cwd) process.chdir(saved.cwd);
    process.exitCode = saved.exitCode;
    restoreEnv(saved.env);
  }
}

function restoreEnv(saved: NodeJS.ProcessEnv): void {
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  for (const [key, value] of Object.entries(saved)) if (process.env[key] !== value) process.env[key] = value;
}
