import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join, resolve } from "node:path";
import { request } from "undici";

export interface RunningTarget {
  url: string;
  close(): Promise<void>;
}

export interface PrismOptions {
  root: string;
  specFile: string;
  /** give up when Prism has not answered by then */
  startupTimeoutMs?: number;
  /** the Prism executable; default node_modules/.bin/prism in <root> or the nearest folder above it */
  bin?: string;
}

/**
 * Spawn Prism's mock on the spec (free port) and wait until it answers HTTP. Prism is one node
 * process; it stays in our process group so a Ctrl-C in the terminal stops it too, and the
 * harness also kills it when its own process exits.
 */
export async function startPrism(options: PrismOptions): Promise<RunningTarget> {
  const bin = options.bin ?? findPrism(options.root);
  const install = "install it with `npm i -D @stoplight/prism-cli@5.14`, or pass --target <url>";
  if (bin === undefined) throw new Error(`Prism is not installed in this project (no node_modules/.bin/prism from ${options.root} upwards): ${install}`);
  if (!existsSync(bin)) throw new Error(`Prism is not installed at ${bin}: ${install}`);
  const port = await freePort();
  const child = spawn(bin, ["mock", options.specFile, "--host", "127.0.0.1", "--port", String(port)], {
    cwd: options.root,
    stdio: ["ignore", "pipe", "pipe"],
  });
  // without a listener a failed spawn (EACCES, ENOENT) is an uncaught exception that ends the run
  const spawnError = new Promise<Error>((resolve) => child.on("error", resolve));
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 50) output.shift();
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const url = `http://127.0.0.1:${port}`;
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  const stop = async () => {
    process.off("exit", killOnExit);
    await stopChild(child);
  };
  try {
    await waitUntilAnswering(url, { child, spawnError, bin }, options.startupTimeoutMs ?? 30_000);
  } catch (error) {
    await stop();
    const tail = output.join("").trim().split("\n").slice(-5).join("\n");
    throw new Error(`${(error as Error).message}${tail ? `\nPrism's last output:\n${tail}` : ""}`);
  }
  return { url, close: stop };
}

async function waitUntilAnswering(url: string, prism: { child: ChildProcess; spawnError: Promise<Error>; bin: string }, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let failure: string | undefined;
  prism.child.once("exit", (code) => {
    failure ??= `Prism exited with code ${code ?? -1} before answering`;
  });
  void prism.spawnError.then((error) => {
    failure ??= `Prism could not be started from ${prism.bin}: ${error.message}`;
  });
  while (Date.now() < deadline) {
    if (failure !== undefined) throw new Error(failure);
    try {
      const res = await request(url, { signal: AbortSignal.timeout(1_000) });
      await res.body.dump();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`Prism did not answer on ${url} within ${timeoutMs} ms`);
}

/** node_modules/.bin/prism in `from` or the nearest folder above it that has one. */
function findPrism(from: string): string | undefined {
  let dir = resolve(from);
  for (;;) {
    const bin = join(dir, "node_modules", ".bin", "prism");
    if (existsSync(bin)) return bin;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return resolve();
    const timer = setTimeout(() => child.kill("SIGKILL"), 3_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
