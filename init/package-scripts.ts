/** The npm scripts `spec-contract init` adds (never replacing one the project already has). */
export function starterScripts(spec: string, remote: boolean): Map<string, string> {
  const scripts = new Map<string, string>([
    ["generate", "spec-contract generate"],
    ["generate:check", "spec-contract generate --check"],
    ["contract", "spec-contract test"],
  ]);
  // A spec served over HTTP has no previous version in git to compare with.
  if (!remote) scripts.set("diff", `spec-contract diff git:origin/main:${spec} ${spec}`);
  return scripts;
}

export interface ScriptsEdit {
  /** the new package.json text, or undefined when nothing changes */
  text?: string;
  added: string[];
  kept: string[];
}

/** Add `scripts` to package.json's text, keeping its indentation, key order and every existing script. */
export function addScripts(packageText: string, scripts: ReadonlyMap<string, string>): ScriptsEdit {
  const pkg = JSON.parse(packageText) as Record<string, unknown>;
  if (pkg === null || typeof pkg !== "object" || Array.isArray(pkg)) throw new Error("package.json is not a JSON object");
  const existing = pkg.scripts;
  if (existing !== undefined && (existing === null || typeof existing !== "object" || Array.isArray(existing))) {
    throw new Error("package.json's `scripts` is not an object");
  }
  const current = (existing ?? {}) as Record<string, unknown>;
  const added: string[] = [];
  const kept: string[] = [];
  const next: Record<string, unknown> = { ...current };
  for (const [name, command] of scripts) {
    if (Object.hasOwn(current, name)) kept.push(name);
    else {
      next[name] = command;
      added.push(name);
    }
  }
  if (added.length === 0) return { added, kept };
  pkg.scripts = next;
  const indent = /^[ \t]+(?=")/m.exec(packageText)?.[0] ?? "  ";
  const eol = packageText.includes("\r\n") ? "\r\n" : "\n";
  const text = JSON.stringify(pkg, null, indent).replace(/\n/g, eol) + (packageText.endsWith("\n") ? eol : "");
  return { text, added, kept };
}
