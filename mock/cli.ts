import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import type { CommandIo } from "../cli/io.js";
import { configuredTargets } from "../generator/targets.js";
import { readGenerated, type GeneratedApi } from "./generated.js";
import type { RunningMock } from "./app.js";
import type { MockOptions } from "./server.js";

const HELP = `Usage: spec-contract mock [<api> | --spec <doc>] [--port N] [--state] [--seed N]

Start a mock server for an OpenAPI document in the foreground; Ctrl-C (SIGINT) or SIGTERM stops it.
Every operation gets a route: requests are validated (400 with the issues, in the spec's error
schema when it documents one), credentials checked per securitySchemes (401 when missing), and
answers are the documented example (lowest 2xx by default) or data generated from the schema.

  <api>          an API of spec-contract.config.* generated beforehand: reads model.json in its
                 output folder, and its spec (no config: generated/<api>/); warns when the spec
                 changed since (manifest.json)
  --spec <doc>   any OpenAPI 3.0/3.1 document (nothing is written)

Options:
  --port N       port on 127.0.0.1 (default 0: a free port, printed at start)
  --state        keep what POST creates: CRUD inferred from paths and links
  --seed N       seed for generated data (default 1): the same seed gives the same answers
  -h, --help     this text

Requests choose answers with Prism's header: Prefer: code=404, example=<name>, dynamic=true.
Prints "listening on http://127.0.0.1:N" once it accepts connections.`;

export interface MockRunOptions {
  /** stops the server (tests); by default SIGINT or SIGTERM */
  signal?: AbortSignal;
  /** for an API generated beforehand: when to compare its spec with manifest.json (default a second after the first request; 0: at once) */
  staleCheckDelayMs?: number;
}

/** `spec-contract mock`: 0 after a clean stop, 2 on a usage, load or listen error. */
export async function runMock(argv: string[], io: CommandIo, run: MockRunOptions = {}): Promise<number> {
  const parsed = parseMockArgs(argv, io.cwd);
  const options = typeof parsed === "object" && "api" in parsed ? await configuredApi(parsed.api, io.cwd, parsed.common) : parsed;
  if (options === "help") {
    io.out(HELP);
    return 0;
  }
  if (typeof options === "string") {
    io.err(`spec-contract mock: ${options}\n\n${HELP}`);
    return 2;
  }
  if ("setup" in options) {
    // the arguments were right; what they name is missing (no usage text: it would bury the one line that matters)
    io.err(`spec-contract mock: ${options.setup}`);
    return 2;
  }
  let running: RunningMock;
  try {
    running = "generated" in options ? await startGenerated(options) : await (await import("./server.js")).startMock(options);
  } catch (error) {
    io.err(`spec-contract mock: ${(error as Error).message}`);
    return 2;
  }
  io.out(`listening on ${running.url}`);
  const checked = "generated" in options ? warnWhenStale(options.generated, running, io, run.staleCheckDelayMs ?? STALE_CHECK_DELAY_MS) : undefined;
  const reason = await stopSignal(run.signal);
  await checked?.cancel();
  await running.close();
  io.err(`stopped (${reason})`);
  return 0;
}

interface GeneratedOptions {
  generated: GeneratedApi;
  common: Omit<MockOptions, "spec">;
}

/**
 * Start from an output folder: the model comes from model.json and the document is parsed without the
 * checks `generate` already made, and only the modules that needs are loaded (not the generator's).
 */
async function startGenerated(options: GeneratedOptions): Promise<RunningMock> {
  const [{ loadGeneratedSpec }, { buildMockApp, listenMock }] = await Promise.all([import("./generated.js"), import("./app.js")]);
  const cwd = options.common.cwd ?? process.cwd();
  const spec = await loadGeneratedSpec(options.generated, cwd);
  return listenMock(buildMockApp(spec, options.common), spec, options.common.port);
}

/** Delay before comparing the document with manifest.json, counted from the first request (the first answers come first). */
const STALE_CHECK_DELAY_MS = 1000;
/** Compare anyway this long after start when no request came. */
const STALE_CHECK_LATEST_MS = 5000;

/**
 * Soon after start, compare the document with what `generate` saw (manifest.json) and say so on
 * stderr when it changed: the mock then answers from the new document with the generated model.
 * The comparison hashes the whole document, so it waits until a second after the first request.
 */
function warnWhenStale(generated: GeneratedApi, running: RunningMock, io: CommandIo, delayMs: number): { cancel(): Promise<void> } {
  let done: Promise<void> = Promise.resolve();
  let started = false;
  const check = () => {
    if (started) return;
    started = true;
    clearTimeout(latest);
    clearTimeout(afterFirst);
    done = import("./generated.js")
      .then(({ staleParts }) => staleParts(generated, running.spec.root))
      .then((parts) => {
        if (!parts || parts.length === 0) return;
        const listed = parts.slice(0, 3).join(", ") + (parts.length > 3 ? `, and ${parts.length - 3} more` : "");
        io.err(
          `spec-contract mock: warning: ${generated.spec} changed since it was generated (${listed}); the mock answers from the document with the routes of the generated model: run \`spec-contract generate\`, or pass --spec`,
        );
      })
      .catch((error: unknown) => io.err(`spec-contract mock: warning: could not compare ${generated.spec} with manifest.json: ${(error as Error).message}`));
  };
  let afterFirst: NodeJS.Timeout | undefined;
  const latest = setTimeout(check, delayMs === 0 ? 0 : STALE_CHECK_LATEST_MS).unref();
  running.app.server.once("request", () => (afterFirst = setTimeout(check, delayMs).unref()));
  return {
    cancel: async () => {
      started = true;
      clearTimeout(latest);
      clearTimeout(afterFirst);
      await done;
    },
  };
}

function stopSignal(signal: AbortSignal | undefined): Promise<string> {
  if (signal) return new Promise((resolve) => (signal.aborted ? resolve("aborted") : signal.addEventListener("abort", () => resolve("aborted"), { once: true })));
  return new Promise((resolve) => {
    process.once("SIGINT", () => resolve("SIGINT"));
    process.once("SIGTERM", () => resolve("SIGTERM"));
  });
}

/** Arguments that parse, naming something that is not there (a file, an API): said in one line, without the usage. */
interface SetupProblem {
  setup: string;
}

/** The options, "help", a usage message, or a setup problem. */
export function parseMockArgs(argv: string[], cwd: string): MockOptions | { api: string; common: Omit<MockOptions, "spec"> } | "help" | string | SetupProblem {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        spec: { type: "string" },
        port: { type: "string", default: "0" },
        state: { type: "boolean", default: false },
        seed: { type: "string", default: "1" },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    return (error as Error).message;
  }
  const { values, positionals } = parsed;
  if (values.help) return "help";
  if (!/^\d+$/.test(values.port) || Number(values.port) > 65535) return `--port needs a number from 0 to 65535, got '${values.port}'`;
  if (!/^\d+$/.test(values.seed) || Number(values.seed) > 2 ** 32 - 1) return `--seed needs a whole number from 0 to 4294967295, got '${values.seed}'`;
  if (positionals.length > 1) return `unexpected argument '${positionals[1]}'`;
  if ((positionals[0] === undefined) === (values.spec === undefined)) return "give either an API name or --spec <doc>";
  const common = { cwd, port: Number(values.port), state: values.state, seed: Number(values.seed) };
  if (values.spec !== undefined) {
    if (!existsSync(resolve(cwd, values.spec))) return { setup: `--spec: no such file '${values.spec}'` };
    return { ...common, spec: values.spec };
  }
  return { api: positionals[0]!, common };
}

/**
 * An API of spec-contract.config.* by name, generated beforehand: the model.json in its `output`
 * folder gives the spec's path and the model (not rebuilt). Without a config: generated/<name>/.
 */
async function configuredApi(name: string, cwd: string, common: Omit<MockOptions, "spec">): Promise<GeneratedOptions | string | SetupProblem> {
  if (!/^[A-Za-z0-9._-]+$/.test(name) || name.startsWith(".")) return `'${name}' is not an API name`;
  let configured;
  try {
    configured = await configuredTargets(cwd, { names: [name] });
  } catch (error) {
    return { setup: (error as Error).message };
  }
  const target = configured?.targets.find((t) => t.name === name);
  if (configured && !target) return { setup: `unknown API '${name}' in ${configured.file}` };
  const root = configured?.root ?? cwd;
  const generated = readGenerated(name, target?.out ?? join("generated", name), root);
  return typeof generated === "string" ? { setup: generated } : { generated, common: { ...common, cwd: root } };
}
