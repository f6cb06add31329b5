import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { onTestFinished } from "vitest";
import { runGenerate } from "../../generator/cli.js";
import { runDiff } from "../../diff/cli.js";

export interface Run {
  code: number;
  out: string;
  err: string;
}

/** A temporary folder outside the project, removed when the test finishes. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `sc-${prefix}-`));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export async function generateIn(cwd: string, argv: string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runGenerate([...argv, "--quiet"], { out: (s) => out.push(s), err: (s) => err.push(s), cwd });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

export async function diffIn(cwd: string, argv: string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runDiff(argv, { out: (s) => out.push(s), err: (s) => err.push(s), cwd });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

/** A minimal valid OpenAPI 3.1 document (YAML) with `extra` appended under `components.schemas.Thing`. */
export function specWithThing(thing: string): string {
  return `openapi: 3.1.0
info: { title: T, version: "1" }
paths:
  /things:
    get:
      operationId: listThings
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: { $ref: "#/components/schemas/Thing" }
components:
  schemas:
    Thing:
${thing}
`;
}
