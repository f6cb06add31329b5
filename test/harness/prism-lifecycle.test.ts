import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { request } from "undici";
import { afterAll, describe, expect, test } from "vitest";
import { startPrism, type RunningTarget } from "../../contract-tests/harness/prism.js";
import { PROJECT_ROOT } from "../helpers/run-cli.js";

const scratch: string[] = [];
afterAll(async () => {
  for (const dir of scratch) await rm(dir, { recursive: true, force: true });
});

describe("the Prism target", () => {
  test("answers once started and stops listening when closed", async () => {
    const prism: RunningTarget = await startPrism({ root: PROJECT_ROOT, specFile: "spec/smartpay/v1.yaml", startupTimeoutMs: 30_000 });
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

  test("a spec Prism cannot load fails the start with Prism's own output", async () => {
    await expect(startPrism({ root: PROJECT_ROOT, specFile: "spec/does-not-exist.yaml", startupTimeoutMs: 20_000 })).rejects.toThrow(
      /Prism exited with code \d+ before answering[\s\S]*Prism's last output/,
    );
  });

  test("a missing Prism binary fails the start with where it was looked for", async () => {
    const bin = join(tmpdir(), "spec-contract-no-such-dir", "prism");
    await expect(startPrism({ root: PROJECT_ROOT, specFile: "spec/smartpay/v1.yaml", bin, startupTimeoutMs: 5_000 })).rejects.toThrow(
      `Prism is not installed at ${bin}`,
    );
  });

  test("a Prism binary that cannot be spawned fails the start instead of crashing the run", async () => {
    const dir = await mkdtemp(join(tmpdir(), "spec-contract-prism-"));
    scratch.push(dir);
    const bin = join(dir, "prism");
    await writeFile(bin, "#!/bin/sh\nexit 0\n");
    await chmod(bin, 0o644); // not executable: spawn emits 'error' (EACCES)
    await expect(startPrism({ root: PROJECT_ROOT, specFile: "spec/smartpay/v1.yaml", bin, startupTimeoutMs: 5_000 })).rejects.toThrow(
      `Prism could not be started from ${bin}: spawn ${bin} EACCES`,
    );
  });
});
