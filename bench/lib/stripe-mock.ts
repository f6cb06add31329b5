import { spawn } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { createServer } from "node:net";
import { delimiter, join } from "node:path";
import { processCpuMicros, stopper, type ServerProcess } from "./server-process.js";

/** The `stripe-mock` executable on the PATH, or undefined (it is never built or downloaded here). */
export function findStripeMock(path = process.env.PATH ?? ""): string | undefined {
  for (const dir of path.split(delimiter)) {
    if (dir === "") continue;
    const candidate = join(dir, "stripe-mock");
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this folder
    }
  }
  return undefined;
}

/** A free port on 127.0.0.1 (bound, read, released). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Start `stripe-mock -http-addr 127.0.0.1:<port> -https-addr 127.0.0.1:<another port>` and wait (bounded)
 * until it answers HTTP. The HTTPS address is given only to keep it on loopback: with `-http-addr` alone,
 * stripe-mock also opens HTTPS on every interface at port 12112.
 */
export async function startStripeMock(binary: string, timeoutMs = 30_000): Promise<ServerProcess> {
  const port = await freePort();
  let httpsPort = await freePort();
  while (httpsPort === port) httpsPort = await freePort();
  const args = ["-http-addr", `127.0.0.1:${port}`, "-https-addr", `127.0.0.1:${httpsPort}`];
  const child = spawn(binary, args, { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
  const close = stopper(child, () => child.kill("SIGTERM"));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      await fetch(`${url}/v1/coupons`, { signal: AbortSignal.timeout(1_000) });
      return { url, cpuMicros: () => processCpuMicros(child.pid), close };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  await close();
  throw new Error(`stripe-mock did not answer on ${url} within ${timeoutMs} ms${stderr ? `: ${stderr.trim().slice(-500)}` : ""}`);
}
