import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { generate } from "../../generator/index.js";
import { PROJECT_ROOT } from "../helpers/run-cli.js";
import { typeCheck } from "../helpers/type-check.js";
import { stripeSpecPath } from "../fixtures/specs/stripe.js";

// Slow by nature (about 0.8 GB and tens of seconds on 2 cores): `npm run test:slow`, which .ci/run calls.
const OUT = join(PROJECT_ROOT, ".virtual-stripe", "stripe");

describe("the full Stripe spec (OpenAPI 3.0, 468 operations)", () => {
  it("generates in-process with no error and its output compiles with tsc --strict", async () => {
    const result = await generate({ targets: [{ spec: stripeSpecPath(), out: "stripe" }], cwd: PROJECT_ROOT, allowFormats: ["unix-time", "decimal"] });
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    // Kept in memory: the checker reads the files from a map, nothing is written.
    const files = new Map([...result.apis[0]!.files].map(([path, content]) => [join(OUT, path), content]));
    const roots = [...files.keys()].filter((f) => f.endsWith(".ts"));
    expect(roots.map((f) => relative(OUT, f)).sort()).toEqual(expect.arrayContaining(["client.ts", "server.ts", "types.ts", "validators.ts"]));
    expect((await typeCheck(roots, files)).allErrors()).toBe("");
  }, 600_000);
});
