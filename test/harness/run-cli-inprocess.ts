import type { CommandIo } from "../../cli/io.js";

export interface Captured {
  code: number;
  out: string;
  err: string;
}

/** Run a command function in-process with captured output. */
export async function capture(command: (argv: string[], io: CommandIo) => Promise<number>, argv: string[], cwd: string): Promise<Captured> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await command(argv, { out: (s) => out.push(s), err: (s) => err.push(s), cwd });
  return { code, out: out.join("\n"), err: err.join("\n") };
}
