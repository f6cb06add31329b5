import type { CommandIo } from "../cli/io.js";
import { REFERENCE_APIS, startReference, type ReferenceApi } from "./index.js";

const HELP = `Usage: spec-contract serve <stripe|smartpay> [--port N] [--host ADDRESS]

Start a reference server in the foreground; Ctrl-C (SIGINT) or SIGTERM stops it.

  stripe     Stripe promotion codes, both versions on one port, chosen per request by the
             Stripe-Version header (default 2024-06-20; 2025-09-30.clover and later get the clover shapes)
  smartpay   Smartpay promotion codes (v1)

Options:
  --port N        port to listen on (default 0: an ephemeral port, printed at start)
  --host ADDRESS  address to bind (default 127.0.0.1)
  --check         check every response against the spec (an undocumented one becomes a 500)
  --help          this text

Prints "listening on http://127.0.0.1:N" once it accepts connections.`;

interface ServeArgs {
  api: ReferenceApi;
  port: number;
  host: string;
  check: boolean;
}

function parseArgs(argv: string[]): ServeArgs | string {
  let api: string | undefined;
  let port = 0;
  let host = "127.0.0.1";
  let check = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    if (flag === "--port") {
      const text = value();
      if (text === undefined || !/^\d+$/.test(text) || Number(text) > 65535) return `--port needs a number from 0 to 65535, got '${text ?? ""}'`;
      port = Number(text);
    } else if (flag === "--host") {
      const text = value();
      if (!text) return "--host needs an address";
      host = text;
    } else if (flag === "--check") check = true;
    else if (flag.startsWith("-")) return `unknown option '${flag}'`;
    else if (api === undefined) api = flag;
    else return `unexpected argument '${flag}'`;
  }
  if (api === undefined) return `which API? one of: ${REFERENCE_APIS.join(", ")}`;
  if (!REFERENCE_APIS.includes(api as ReferenceApi)) return `unknown API '${api}'; expected one of: ${REFERENCE_APIS.join(", ")}`;
  return { api: api as ReferenceApi, port, host, check };
}

/** `spec-contract serve`: 0 after a clean stop, 2 on a usage or listen error. */
export async function runServe(argv: string[], io: CommandIo): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    io.out(HELP);
    return 0;
  }
  const args = parseArgs(argv);
  if (typeof args === "string") {
    io.err(`spec-contract serve: ${args}\n\n${HELP}`);
    return 2;
  }
  let running;
  try {
    running = await startReference(args.api, { port: args.port, host: args.host, checkResponses: args.check, log: io.err });
  } catch (error) {
    io.err(`spec-contract serve: cannot listen on ${args.host}:${args.port}: ${(error as Error).message}`);
    return 2;
  }
  io.out(`listening on ${running.url}`);
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once("SIGINT", () => resolve("SIGINT"));
    process.once("SIGTERM", () => resolve("SIGTERM"));
  });
  await running.close();
  io.err(`stopped (${signal})`);
  return 0;
}
