import { execFileSync } from "node:child_process";

/**
 * The CLI as users run it: the package's compiled `dist/bin/main.js`, with no TypeScript loader (the
 * repository's `bin/spec-contract.js` runs the sources through tsx, which costs about 1.5 s a start).
 * Built once per bench run, so the rows never measure stale JavaScript.
 */
export const BUILT_CLI = "dist/bin/main.js";

let built = false;
export function ensureBuilt(root: string): string {
  if (!built) {
    process.stderr.write("bench: npm run build (the rows run the compiled CLI)…\n");
    execFileSync("npm", ["run", "build", "--silent"], { cwd: root, stdio: ["ignore", "ignore", "inherit"], timeout: 300_000 });
    built = true;
  }
  return BUILT_CLI;
}
