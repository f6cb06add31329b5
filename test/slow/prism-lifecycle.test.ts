import { request } from "undici";
import { describe, expect, test } from "vitest";
import { startPrism, type RunningTarget } from "../../contract-tests/harness/prism.js";
import { PROJECT_ROOT } from "../helpers/run-cli.js";

// The real Prism (seconds to start on 2 cores): `npm run test:slow`, which .ci/run calls. The same
// lifecycle against stand-in binaries (start, wait, stop, a failed start with the tool's output)
// runs in `npm test`: test/harness/prism-lifecycle.test.ts.
describe("the Prism target, with Prism itself", () => {
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
});
