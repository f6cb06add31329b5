#!/usr/bin/env node
import type { CommandIo } from "../cli/io.js";
import { packageVersion } from "../cli/package-info.js";

const HELP = `Usage: spec-contract <command> [options]

Commands:
  generate   generate types, validators, server skeleton, client and examples (config APIs or --spec)
  test       replay an API's documented examples against an implementation (contract tests)
  serve      start a reference server (stripe or smartpay)
  diff       compare two OpenAPI documents and classify breaking changes
  init       start using spec-contract in this project: config, npm scripts, CI workflow
  mock       start a mock server for any OpenAPI document (examples, generated data, optional state)
  help       this text

Options:
  --version  print spec-contract's version (also after any command)

Run \`spec-contract <command> --help\` for a command's options.`;


type Command = (argv: string[], io: CommandIo) => Promise<number>;

/** Every command loads lazily, so each pays only for what it uses (--version, help and a typo load none). */
const COMMANDS: Record<string, () => Promise<Command>> = {
  generate: async () => {
    const { runGenerate } = await import("../generator/cli.js");
    return (argv, io) => {
      if (!argv.includes("--watch")) return runGenerate(argv, io);
      // --watch runs until Ctrl-C (or SIGTERM): the watchers close, the exit code is 0
      const stop = new AbortController();
      const abort = (): void => stop.abort();
      process.once("SIGINT", abort);
      process.once("SIGTERM", abort);
      return runGenerate(argv, io, stop.signal).finally(() => {
        process.off("SIGINT", abort);
        process.off("SIGTERM", abort);
      });
    };
  },
  test: async () => (await import("../contract-tests/harness/cli.js")).runContract,
  serve: async () => (await import("../reference/cli.js")).runServe,
  diff: async () => (await import("../diff/cli.js")).runDiff,
  init: async () => (await import("../init/cli.js")).runInit,
  mock: async () => (await import("../mock/cli.js")).runMock,
};

/** Run the command line `argv` (without node and the script); answers the exit code. */
async function runMain(argv: string[], io: CommandIo): Promise<number> {
  const [name, ...rest] = argv;
  if (argv.includes("--version") || name === "-v" || name === "version") {
    io.out(packageVersion());
    return 0;
  }
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    (name === undefined ? io.err : io.out)(HELP);
    return name === undefined ? 2 : 0;
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!load) {
    io.err(`spec-contract: unknown command '${name}'\n\n${HELP}`);
    return 2;
  }
  const command = await load();
  return command(rest, io);
}

const processIo: CommandIo = { out: (s) => console.log(s), err: (s) => console.error(s), cwd: process.cwd() };

runMain(process.argv.slice(2), processIo).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`spec-contract: internal error: ${(error as Error).stack ?? String(error)}`);
    process.exitCode = 2;
  },
);
