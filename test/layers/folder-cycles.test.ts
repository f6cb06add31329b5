import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../helpers/run-cli.js";
import { buildFolderGraph, findFolderCycles } from "./folder-graph.js";

function describeCycles(cycles: string[][], graph: ReturnType<typeof buildFolderGraph>): string[] {
  return cycles.map((group) => {
    const edges = group.flatMap((from) => group.filter((to) => graph.get(from)?.has(to)).map((to) => `  ${graph.get(from)!.get(to)!}`));
    return `${group.join(" ↔ ")}\n${edges.join("\n")}`;
  });
}

describe("layers: no import cycle between folders", () => {
  it("holds for the whole repository (product, tests and benchmarks)", () => {
    const graph = buildFolderGraph(PROJECT_ROOT);
    expect(graph.get("generator/stages")?.has("generator/model"), "the graph sees imports").toBe(true);
    const cycles = findFolderCycles(graph);
    expect(describeCycles(cycles, graph)).toEqual([]);
  });

  describe("the check can fail", () => {
    const root = mkdtempSync(join(tmpdir(), "folder-cycles-"));
    afterAll(() => rmSync(root, { recursive: true, force: true }));
    const write = (path: string, text: string): void => {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    };
    write("a/model/types.ts", 'import type { X } from "../schema/x.js";\nexport type T = X;\n');
    write("a/schema/x.ts", 'export type X = 1;\nexport { y } from "../model/y.js";\n');
    write("a/model/y.ts", "export const y = 1;\n");
    write("b/one.ts", 'const c = await import("../c/two.js");\nexport default c;\n');
    write("c/two.ts", 'import "../b/one.js";\n');
    write("d/index.ts", 'import "./part/p.js";\n');
    write("d/part/p.ts", 'import "../common.js";\n');
    write("d/common.ts", "export {};\n");

    it("finds sibling cycles (type imports, re-exports and dynamic imports count) and allows a folder to compose its subfolders", () => {
      expect(findFolderCycles(buildFolderGraph(root))).toEqual([["a/model", "a/schema"], ["b", "c"]]);
    });
  });
});
