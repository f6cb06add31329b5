import { execFileSync } from "node:child_process";
import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { diffIn, specWithThing, tempDir } from "./helpers.js";

function repo(): string {
  const dir = tempDir("git");
  const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, stdio: "ignore" });
  git("init", "-q");
  writeFileSync(join(dir, "openapi.yaml"), specWithThing("      { type: string }"));
  git("add", ".");
  git("-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-qm", "spec");
  return dir;
}

describe("diff's git: sides cannot inject git options", () => {
  it.each([["git:--output=x.txt:y"], ["git:HEAD:--output=x.txt"], ["git:-p:openapi.yaml"]])("refuses %s with exit 2 and runs no option", async (side) => {
    const dir = repo();
    const result = await diffIn(dir, [side, "openapi.yaml"]);
    expect(result.code).toBe(2);
    expect(result.err).toContain("may not start with '-'");
    expect(readdirSync(dir).filter((f) => f.startsWith("x.txt"))).toEqual([]);
  });

  it("still reads an ordinary git side", async () => {
    const dir = repo();
    const result = await diffIn(dir, ["git:HEAD:openapi.yaml", "openapi.yaml"]);
    expect(result.code, result.err).toBe(0);
    expect(result.out).toContain("No changes.");
  });
});
