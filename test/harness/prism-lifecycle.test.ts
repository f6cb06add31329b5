import { request } from "undici";
import { describe, expect, test } from "vitest";
import { startPrism } from "../../contract-tests/harness/prism.js";
import { PROJECT_ROOT } from "../helpers/run-cli.js";

describe("the Prism target", () => {
  test("answers once started and stops listening when closed", async () => {
    const prism = await startPrism({ root: PROJECT_ROOT, specFile: "spec/smartpay/v1.yaml", startupTimeoutMs: 30_000 });
    const live = await request(`${prism.url}/v1/promotion-codes`);
    await live.body.dump();
    expect(live.statusCode).toBe(401);
    await prism.close();
    await expect(request(`${prism.url}/v1/promotion-codes`)).rejects.toMatchObject({ code: "ECONNREFUSED" });
  });

  test("a spec Prism cannot load fails the start with Prism's own output", async () => {
    await expect(startPrism({ root: PROJECT_ROOT, specFile: "spec/does-not-exist.yaml", startupTimeoutMs: 20_000 })).rejects.toThrow(
      /Prism exited with code \d+ before answering[\s\S]*Prism's last output/,
    );
  });
});
