import { runGenerate } from "../generator/cli.js";
import type { CommandIo } from "../cli/io.js";

const HELP = `Usage: spec-contract <command> [options]

Commands:
  generate   generate types, validators, server skeleton, client and examples (config APIs or --spec)
  test       replay an API's documented examples against an implementation (contract tests)
  serve      start a reference server (stripe or smartpay)
  diff       compare two OpenAPI documents and classify breaking changes
  help       this text

Run \`spec-contract <command> --help\` for a command's options.`;


type Command = (argv: string[], io: CommandIo) => Promise<number>;

/** Commands other than generate load lazily, so each pays only for what it uses. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  generate: async () => runGenerate,
  test: async () => (await import("../contract-tests/harness/cli.js")).runContract,
  serve: async () => (await import("../reference/cli.js")).runServe,
  diff: async () => (await import("../diff/cli.js")).runDiff,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    console.log(HELP);
    return name === undefined ? 2 : 0;
  }
  const load = COMMANDS[name];
  if (!load) {
    console.error(`spec-contract: unknown command '${name}'\n\n${HELP}`);
    return 2;
  }
  const command = await load();
  return command(rest, { out: (s) => console.log(s), err: (s) => console.error(s), cwd: process.cwd() });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`spec-contract: internal error: ${(error as Error).stack ?? String(error)}`);
    process.exitCode = 2;
  },
);
