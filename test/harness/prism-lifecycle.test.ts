import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { request } from "undici";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startPrism, type RunningTarget } from "../../contract-tests/harness/prism.js";
import { PROJECT_ROOT } from "../helpers/run-cli.js";

/*
 * How the harness starts, waits for and stops the Prism target. Prism itself takes seconds to start
 * on 2 cores, so here stand-in executables take its place, called as Prism is
 * (`<bin> mock <spec> --host 127.0.0.1 --port <port>`); test/slow/prism-lifecycle.test.ts runs the
 * same lifecycle against Prism itself (`npm run test:slow`, called by .ci/run).
 */

/** A stand-in that answers 401 to everything on the host and port it is given, until SIGTERM. */
const ANSWERS = `#!${process.execPath}
const { createServer } = require("node:http");
const arg = (name) => process.argv[process.argv.indexOf(name) + 1];
createServer((req, res) => { res.statusCode = 401; res.end(); }).listen(Number(arg("--port")), arg("--host"));
process.on("SIGTERM", () => process.exit(0));
`;
/** A stand-in that fails as Prism does on a spec it cannot read: a message, exit 1. */
const FAILS = `#!${process.execPath}
console.error("[CLI] fatal  Error opening file " + process.argv[3]);
process.exit(1);
`;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "spec-contract-prism-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function executable(name: string, text: string, mode = 0o755): Promise<string> {
  const bin = join(dir, name);
  await writeFile(bin, text);
  await chmod(bin, mode);
  return bin;
}

describe("the Prism target", () => {
  test("answers once started and stops listening when closed", async () => {
    const prism: RunningTarget = await startPrism({ root: PROJECT_ROOT, specFile: "spec/smartpay/v1.yaml", bin: await executable("answers", ANSWERS), startupTimeoutMs: 30_000 });
    let closed = false;
    try {
      const live = await request(`${prism.url}/v1/promotion-codes`);
      await live.body.dump();
      expect(live.statusCode).toBe(401);
      await prism.close();
      closed = true;
      await expect(request(`${prism.url}/v1/promotion-codes`)).rejects.toMatchObject({ code: "ECONNREFUSED" });
    } finally {
      if (!closed) await prism.close();
    }
  });

  test("a Prism that exits before answering fails the start with its own output", async () => {
    const bin = await executable("fails", FAILS);
    await expect(startPrism({ root: PROJECT_ROOT, specFile: "spec/does-not-exist.yaml", bin, startupTimeoutMs: 20_000 })).rejects.toThrow(
      /Prism exited with code 1 before answering\nPrism's last output:\n\[CLI\] fatal {2}Error opening file spec\/does-not-exist\.yaml/,
    );
  });

  test("a missing Prism binary fails the start with where it was looked for", async () => {
    const bin = join(tmpdir(), "spec-contract-no-such-dir", "prism");
    await expect(startPrism({ root: PROJECT_ROOT, specFile: "spec/smartpay/v1.yaml", bin, startupTimeoutMs: 5_000 })).rejects.toThrow(
      `Prism is not installed at ${bin}`,
    );
  });

  test("a Prism binary that cannot be spawned fails the start instead of crashing the run", async () => {
    const bin = await executable("prism", "#!/bin/sh\nexit 0\n", 0o644); // not executable: spawn emits 'error' (EACCES)
    await expect(startPrism({ root: PROJECT_ROOT, specFile: "spec/smartpay/v1.yaml", bin, startupTimeoutMs: 5_000 })).rejects.toThrow(
      `Prism could not be started from ${bin}: spawn ${bin} EACCES`,
    );
  });
});
