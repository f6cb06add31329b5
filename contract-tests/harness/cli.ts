import { resolve } from "node:path";
import { parseArgs } from "node:util";
import type { CommandIo } from "../../cli/io.js";
import { listApis, loadApi } from "./load-api.js";
import { secretForms } from "./format.js";
import { ContractReporter } from "./reporter.js";
import { resolveApiKey } from "./define-suite.js";
import type { ContractRunConfig } from "./suite.contract.js";
import { parseTarget } from "./target.js";

const HELP = `Usage: spec-contract test [<api>...] [options]

Replays each API's documented examples (plus fixtures and negative cases) against an implementation.
With no <api> (or --all), every API under contract-tests/ runs. A prefix selects several (stripe).

Options:
  --target reference|prism|mock|<url>
                                  reference (default): the reference server, in-process on a free port
                                  prism: Prism's mock on the spec; mock: spec-contract's own mock
                                  (in-process, with state); <url>: any implementation
  --state                         accepted with --target mock (its state is always on: the suite's
                                  cases chain creates and reads through links)
  --api-key KEY                   default: $STRIPE_API_KEY / $SMARTPAY_API_KEY, then a test key
                                  (reference and prism only)
  --junit FILE                    write a JUnit XML report
  --json FILE                     write a JSON report
  --timeout MS                    per-request time limit (default 10000)
  --all                           every API
  -h, --help                      this text

Exit codes: 0 all passed, 1 a case failed, 2 usage or setup error.`;

export async function runContract(argv: string[], io: CommandIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        target: { type: "string", default: "reference" },
        "api-key": { type: "string" },
        junit: { type: "string" },
        json: { type: "string" },
        timeout: { type: "string", default: "10000" },
        all: { type: "boolean", default: false },
        state: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    io.err(`spec-contract test: ${(error as Error).message}\n\n${HELP}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  const root = io.cwd;
  const target = parseTarget(values.target);
  if (!target) return usage(io, `--target must be reference, prism, mock or an http(s) URL, got '${values.target}'`);
  if (values.state && target.kind !== "mock") return usage(io, "--state applies to --target mock only");
  const timeoutMs = Number(values.timeout);
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) return usage(io, `--timeout must be a positive number of milliseconds, got '${values.timeout}'`);
  const known = await listApis(root).catch(() => [] as string[]);
  const selected = selectApis(values.all ? [] : positionals, known);
  if (typeof selected === "string") return usage(io, selected);
  let keys: { apiKeys: Record<string, string>; secrets: string[] };
  try {
    keys = await resolveKeys({ root, apis: selected, explicit: values["api-key"], warnUnset: target.kind === "url", io });
  } catch (error) {
    io.err(`spec-contract test: ${(error as Error).message}`);
    return 2;
  }
  const { apiKeys, secrets } = keys;
  const run: ContractRunConfig = { root, apis: selected, target, timeoutMs, apiKeys };
  return runVitest(run, io, {
    secrets,
    ...(values.junit ? { junitFile: resolve(root, values.junit) } : {}),
    ...(values.json ? { jsonFile: resolve(root, values.json) } : {}),
  });
}

async function runVitest(run: ContractRunConfig, io: CommandIo, files: { secrets: string[]; junitFile?: string; jsonFile?: string }): Promise<number> {
  const { startVitest } = await import("vitest/node");
  const reporter = new ContractReporter({ out: io.out, err: io.err, ...files });
  const previousExitCode = process.exitCode;
  const vitest = await startVitest("test", [], {
    config: false,
    root: run.root,
    dir: run.root,
    include: ["contract-tests/harness/suite.contract.ts"],
    reporters: [reporter],
    watch: false,
    pool: "threads",
    maxWorkers: 1,
    testTimeout: run.timeoutMs + 10_000,
    hookTimeout: 60_000,
    provide: { specContract: run },
  });
  await vitest?.close();
  process.exitCode = previousExitCode;
  if (!vitest) return 2;
  if (reporter.cases.length === 0 && reporter.runErrors.length === 0) {
    io.err("spec-contract test: no cases ran");
    return 1;
  }
  return reporter.failed > 0 ? 1 : 0;
}

/** The key per API: --api-key, else the API's environment variable, else its test key. */
async function resolveKeys(input: { root: string; apis: string[]; explicit: string | undefined; warnUnset: boolean; io: CommandIo }) {
  const apiKeys: Record<string, string> = {};
  const secrets: string[] = [];
  for (const name of input.apis) {
    const { config } = await loadApi({ root: input.root, api: name }).catch((error: Error) => {
      throw new Error(`${name}: ${error.message}`);
    });
    if (input.warnUnset && input.explicit === undefined && process.env[config.auth.envVar] === undefined) {
      input.io.err(`spec-contract test: ${name}: no API key (set ${config.auth.envVar} or pass --api-key); sending the test key`);
    }
    const key = resolveApiKey(input.explicit !== undefined ? { apiKey: input.explicit } : {}, config.auth.envVar, config.auth.testKey);
    apiKeys[name] = key;
    secrets.push(...secretForms(key));
  }
  return { apiKeys, secrets };
}

/** Exact names, or a prefix such as `stripe` for every version of one provider; none → all. */
export function selectApis(requested: string[], known: string[]): string[] | string {
  if (known.length === 0) return "no APIs found: expected contract-tests/<api>/config.ts and generated/<api>/model.json (run `npm run generate`)";
  if (requested.length === 0) return known;
  const out: string[] = [];
  for (const name of requested) {
    const matches = known.includes(name) ? [name] : known.filter((k) => k.startsWith(`${name}-`));
    if (matches.length === 0) return `unknown API '${name}' (known: ${known.join(", ")})`;
    for (const m of matches) if (!out.includes(m)) out.push(m);
  }
  return out;
}

function usage(io: CommandIo, message: string): number {
  io.err(`spec-contract test: ${message}\n\n${HELP}`);
  return 2;
}
