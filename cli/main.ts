import { runGenerate } from "../generator/cli.js";

const HELP = `Usage: spec-contract <command> [options]

Commands:
  generate   generate types, validators, server skeleton, client and examples from spec/
  help       this text

Run \`spec-contract <command> --help\` for a command's options.`;

type Command = (argv: string[], io: { out: (s: string) => void; err: (s: string) => void; cwd: string }) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  generate: runGenerate,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    console.log(HELP);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`spec-contract: unknown command '${name}'\n\n${HELP}`);
    return 2;
  }
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
