import { parseArgs } from "node:util";
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

/** The arguments, or what is wrong with them. */
function readServeArgs(argv: string[]): ServeArgs | string {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { port: { type: "string" }, host: { type: "string" }, check: { type: "boolean", default: false } },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    return (error as Error).message;
  }
  const { values, positionals } = parsed;
  const portText = values.port ?? "0";
  if (!/^\d+$/.test(portText) || Number(portText) > 65535) return `--port needs a number from 0 to 65535, got '${portText}'`;
  if (values.host === "") return "--host needs an address";
  const [api, extra] = positionals;
  if (extra !== undefined) return `unexpected argument '${extra}'`;
  if (api === undefined) return `which API? one of: ${REFERENCE_APIS.join(", ")}`;
  if (!REFERENCE_APIS.includes(api as ReferenceApi)) return `unknown API '${api}'; expected one of: ${REFERENCE_APIS.join(", ")}`;
  return { api: api as ReferenceApi, port: Number(portText), host: values.host ?? "127.0.0.1", check: values.check };
}

/** What stops a running server: SIGINT or SIGTERM, unless the caller (a test, an embedding tool) passes its own. */
function processSignal(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => () => {
      process.off("SIGINT", onInt);
      process.off("SIGTERM", onTerm);
      resolve(signal);
    };
    const onInt = stop("SIGINT");
    const onTerm = stop("SIGTERM");
    process.once("SIGINT", onInt);
    process.once("SIGTERM", onTerm);
  });
}

/** `spec-contract serve`: 0 after a clean stop, 2 on a usage or listen error. */
export async function runServe(argv: string[], io: CommandIo, options: { stop?: Promise<string> } = {}): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    io.out(HELP);
    return 0;
  }
  const args = readServeArgs(argv);
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
  const signal = await (options.stop ?? processSignal());
  await running.close();
  io.err(`stopped (${signal})`);
  return 0;
}
