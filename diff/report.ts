import type { Change, Location } from "./change.js";
import type { DiffResult } from "./index.js";
import { levelRank, maxLevel, type Level } from "./rules.js";

export type Audience = "clients" | "servers" | "both";
export type Format = "text" | "markdown" | "json";

/** The level of a change for the audience that --for names. */
export function levelFor(change: Change, audience: Audience): Level {
  if (audience === "clients") return change.client;
  if (audience === "servers") return change.server;
  return maxLevel(change.client, change.server);
}

export function failing(result: DiffResult, failOn: Level | "none", audience: Audience): Change[] {
  if (failOn === "none") return [];
  return result.changes.filter((c) => levelFor(c, audience) !== "none" && levelRank(levelFor(c, audience)) >= levelRank(failOn));
}

interface Group {
  title: string;
  changes: Change[];
}

/** Breaking for clients; breaking for servers only; warnings; the rest. */
export function groupChanges(changes: Change[]): Group[] {
  const groups: Group[] = [
    { title: "Breaking for clients", changes: [] },
    { title: "Breaking for servers only", changes: [] },
    { title: "Warnings", changes: [] },
    { title: "Not breaking", changes: [] },
  ];
  for (const c of changes) {
    const index = c.client === "breaking" ? 0 : c.server === "breaking" ? 1 : maxLevel(c.client, c.server) === "warning" ? 2 : 3;
    groups[index]!.changes.push(c);
  }
  return groups.filter((g) => g.changes.length > 0);
}

export function summarize(result: DiffResult): Record<string, number> {
  const count = (test: (c: Change) => boolean): number => result.changes.filter(test).length;
  return {
    total: result.changes.length,
    breakingForClients: count((c) => c.client === "breaking"),
    breakingForServers: count((c) => c.server === "breaking"),
    warnings: count((c) => maxLevel(c.client, c.server) === "warning"),
    notBreaking: count((c) => c.client === "none" && c.server === "none"),
  };
}

function headline(result: DiffResult): string {
  const s = summarize(result);
  if (s.total === 0) return "No changes.";
  return `${s.total} change(s): ${s.breakingForClients} breaking for clients, ${s.breakingForServers} breaking for servers, ${s.warnings} warning(s), ${s.notBreaking} not breaking.`;
}

function where(location: Location | undefined): string {
  if (!location) return "—";
  return `${location.pointer} (${location.file}:${location.line}:${location.column})`;
}

/** Changes by operation (the first that reaches them), in the order given. */
function byOperation(changes: Change[]): Map<string, Change[]> {
  const out = new Map<string, Change[]>();
  for (const c of changes) out.set(c.operations[0]!, [...(out.get(c.operations[0]!) ?? []), c]);
  return out;
}

export function formatText(result: DiffResult): string {
  const lines = [`${result.old} → ${result.new}`, headline(result)];
  for (const group of groupChanges(result.changes)) {
    lines.push("", `${group.title} (${group.changes.length})`);
    for (const [operation, changes] of byOperation(group.changes)) {
      lines.push(`  ${operation}`);
      for (const c of changes) {
        lines.push(`    ${c.rule} [clients: ${c.client}, servers: ${c.server}]`, `      ${c.message}`);
        lines.push(`      old: ${where(c.old)}`, `      new: ${where(c.new)}`);
        if (c.operations.length > 1) lines.push(`      also: ${listOperations(c.operations.slice(1), ", ")}`);
      }
    }
  }
  return lines.join("\n");
}

const SHOWN_OPERATIONS = 5;

/** A shared schema can be reached from hundreds of operations; text and markdown show the first few. */
function listOperations(operations: string[], separator: string): string {
  const shown = operations.slice(0, SHOWN_OPERATIONS).join(separator);
  const more = operations.length - SHOWN_OPERATIONS;
  return more > 0 ? `${shown}${separator}and ${more} more (see --format json)` : shown;
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

function mdWhere(location: Location | undefined): string {
  return location ? `\`${cell(location.pointer)}\`<br>${location.file}:${location.line}` : "—";
}

export function formatMarkdown(result: DiffResult): string {
  const lines = [`### API changes: \`${result.old}\` → \`${result.new}\``, "", headline(result)];
  for (const group of groupChanges(result.changes)) {
    lines.push("", `#### ${group.title} (${group.changes.length})`, "");
    lines.push("| Operation | Rule | Clients | Servers | Change | Old | New |", "|---|---|---|---|---|---|---|");
    for (const c of group.changes) {
      const ops = listOperations(c.operations.map((o) => `\`${cell(o)}\``), "<br>");
      lines.push(`| ${ops} | \`${c.rule}\` | ${c.client} | ${c.server} | ${cell(c.message)} | ${mdWhere(c.old)} | ${mdWhere(c.new)} |`);
    }
  }
  return lines.join("\n");
}

export function formatJson(result: DiffResult): string {
  return JSON.stringify({ old: result.old, new: result.new, summary: summarize(result), changes: result.changes }, null, 2);
}

export function formatReport(result: DiffResult, format: Format): string {
  return format === "json" ? formatJson(result) : format === "markdown" ? formatMarkdown(result) : formatText(result);
}
