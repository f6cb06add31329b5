import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { diffIn, generateIn, specWithThing, tempDir } from "./helpers.js";

const SECRET = "TOP-SECRET-CONTENT";

/** A project with a secret file beside (outside) the spec's folder. */
function project(thing: string, file = "api/openapi.yaml"): string {
  const dir = tempDir("refs");
  mkdirSync(join(dir, "api"));
  writeFileSync(join(dir, "secret.yaml"), `value: ${SECRET}\n`);
  writeFileSync(join(dir, file), specWithThing(thing));
  return dir;
}

describe("$ref is confined to the spec's folder", () => {
  it("refuses a file outside the spec's folder with a positioned SC003, and reads nothing", async () => {
    const dir = project(`      type: object\n      properties:\n        leak: { $ref: "../secret.yaml#/value" }\n`);
    const result = await generateIn(dir, ["--spec", "api/openapi.yaml", "--out", "out"]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/api\/openapi\.yaml:18:\d+ error SC003 .*outside the spec's folder.*--allow-ref-dir/);
    expect(result.err).not.toContain(SECRET);
  });

  it("refuses absolute paths such as /etc/passwd and devices such as /dev/zero", async () => {
    const dir = project(`      type: object\n      properties:\n        a: { $ref: "/etc/passwd" }\n        b: { $ref: "/dev/zero" }\n        c: { $ref: "file:///proc/self/environ" }\n`);
    const result = await generateIn(dir, ["--spec", "api/openapi.yaml", "--out", "out"]);
    expect(result.code).toBe(1);
    expect(result.err.match(/error SC003 .*outside the spec's folder/g)).toHaveLength(3);
    expect(result.err).not.toMatch(/root:|PATH=/);
  });

  it("refuses a FIFO or a folder inside the spec's folder (not a regular file) without hanging", async () => {
    const dir = project(`      type: object\n      properties:\n        a: { $ref: "./pipe.yaml" }\n        b: { $ref: "./folder" }\n`);
    execFileSync("mkfifo", [join(dir, "api", "pipe.yaml")]);
    mkdirSync(join(dir, "api", "folder"));
    const result = await generateIn(dir, ["--spec", "api/openapi.yaml", "--out", "out"]);
    expect(result.code).toBe(1);
    expect(result.err.match(/error SC003 .*is not a regular file/g)).toHaveLength(2);
  });

  it("refuses a symlink inside the folder that points outside it", async () => {
    const dir = project(`      $ref: "./link.yaml#/value"\n`);
    symlinkSync(join(dir, "secret.yaml"), join(dir, "api", "link.yaml"));
    const result = await generateIn(dir, ["--spec", "api/openapi.yaml", "--out", "out"]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/error SC003 .*outside the spec's folder/);
  });

  it("reads a folder named with --allow-ref-dir", async () => {
    const dir = project(`      $ref: "../schemas/thing.yaml"\n`);
    mkdirSync(join(dir, "schemas"));
    writeFileSync(join(dir, "schemas", "thing.yaml"), "type: object\nproperties:\n  id: { type: string }\n");
    expect((await generateIn(dir, ["--spec", "api/openapi.yaml", "--out", "out"])).code).toBe(1);
    const allowed = await generateIn(dir, ["--spec", "api/openapi.yaml", "--out", "out", "--allow-ref-dir", "schemas"]);
    expect(allowed.code, allowed.err).toBe(0);
  });

  it("caps the size of each $ref file, with a positioned SC003", async () => {
    const dir = project(`      $ref: "./big.yaml"\n`);
    writeFileSync(join(dir, "api", "big.yaml"), `type: object\ndescription: "${"x".repeat(5000)}"\n`);
    const result = await generateIn(dir, ["--spec", "api/openapi.yaml", "--out", "out", "--max-spec-bytes", "2000"]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/api\/openapi\.yaml:16:\d+ error SC003 .*larger than 2000 bytes.*--max-spec-bytes/);
  });

  it("keeps a $ref inside example values, enums, defaults and x- extensions as literal data", async () => {
    const dir = project(
      `      type: object\n      x-note: { $ref: "/etc/passwd" }\n      properties:\n        kind: { enum: [{ $ref: "/etc/passwd" }, a] }\n        other: { default: { $ref: "/etc/passwd" } }\n      example: { other: { $ref: "/etc/passwd" } }\n`,
    );
    const spec = readFileSync(join(dir, "api/openapi.yaml"), "utf8").replace(
      `schema: { $ref: "#/components/schemas/Thing" }`,
      `schema: { $ref: "#/components/schemas/Thing" }\n              examples:\n                leak: { value: { other: { $ref: "/etc/passwd" } } }`,
    );
    writeFileSync(join(dir, "api/openapi.yaml"), spec);
    const result = await generateIn(dir, ["--spec", "api/openapi.yaml", "--out", "out"]);
    expect(result.code, result.err).toBe(0);
    const examples = readFileSync(join(dir, "out", "examples.json"), "utf8");
    expect(examples).toContain(`"$ref": "/etc/passwd"`);
    expect(examples).not.toContain("root:");
  });

  it("diff uses the same confinement: --format markdown prints no file from outside", async () => {
    const dir = project(`      type: object\n      enum: [{ $ref: "/etc/passwd" }]\n      properties:\n        p: { $ref: "../secret.yaml#/value" }\n`);
    writeFileSync(join(dir, "api", "new.yaml"), readFileSync(join(dir, "api/openapi.yaml"), "utf8"));
    const result = await diffIn(dir, ["api/openapi.yaml", "api/new.yaml", "--format", "markdown"]);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/api\/openapi\.yaml:\d+:\d+ error SC003 .*outside the spec's folder/);
    expect(result.out + result.err).not.toContain(SECRET);
    expect(result.out + result.err).not.toContain("root:");
  });
});
