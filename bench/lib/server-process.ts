import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { resolve as resolvePath } from "node:path";

export interface ServerProcess {
  url: string;
  /** CPU time (user + system, every thread) the server process has used so far, in µs; NaN where /proc is missing */
  cpuMicros(): number;
  close(): Promise<void>;
}

let ticksPerSecond: number | undefined;

/** The kernel's clock ticks per second (`getconf CLK_TCK`, 100 on Linux). */
function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/**
 * utime + stime of a process from `/proc/<pid>/stat` (fields 14 and 15, counted after the `(comm)`
 * field, which may itself hold spaces), in µs; NaN when it cannot be read (not Linux, process gone).
 */
export function processCpuMicros(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // fields[0] is field 3 (state): utime is field 14 → index 11, stime field 15 → index 12
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1_000_000) / clockTicks();
  } catch {
    return Number.NaN;
  }
}

const ENTRY = new URL("./serve-target.ts", import.meta.url).pathname;

/**
 * Start bench/lib/serve-target.ts in its own node process (so the load generator does not share
 * its event loop) and wait for its URL. With BENCH_PROFILE_DIR set, the child runs under
 * `--cpu-prof` and writes its profile there when it stops.
 */
export function startServerProcess(root: string, args: string[], timeoutMs = 30_000): Promise<ServerProcess> {
  const profileDir = process.env.BENCH_PROFILE_DIR;
  const profile = profileDir ? ["--cpu-prof", "--cpu-prof-dir", resolvePath(root, profileDir)] : [];
  const child = spawn(process.execPath, [...profile, "--import", "tsx", ENTRY, ...args], { cwd: root, stdio: ["pipe", "pipe", "pipe"] });
  const close = stopper(child, () => child.stdin!.end());
  return new Promise((resolve, reject) => {
    let stdout = "";
    let stderr = "";
    const fail = (message: string) => {
      clearTimeout(timer);
      void close().then(() => reject(new Error(`${message}${stderr ? `: ${stderr.trim().slice(-500)}` : ""}`)));
    };
    const timer = setTimeout(() => fail(`server ${args.join(" ")} did not start within ${timeoutMs} ms`), timeoutMs);
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.once("exit", (code) => fail(`server ${args.join(" ")} exited with code ${code}`));
    child.stdout!.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /listening (\S+)\n/.exec(stdout);
      if (!match) return;
      clearTimeout(timer);
      child.removeAllListeners("exit");
      resolve({ url: match[1]!, cpuMicros: () => processCpuMicros(child.pid), close });
    });
  });
}

/**
 * How a benchmark stops a server it spawned: `ask` (close stdin, SIGTERM…), then SIGKILL after 5 s;
 * killed at once if the benchmark itself exits first. Resolves when the process has exited.
 */
export function stopper(child: ChildProcess, ask: () => void): () => Promise<void> {
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  return () =>
    new Promise<void>((resolve) => {
      process.off("exit", killOnExit);
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      child.once("exit", () => {
        clearTimeout(timer);
        resolve();
      });
      ask();
    });
}
