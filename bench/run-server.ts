// npm run bench:server: only the server rows (bench/server.ts), printed as a table; writes nothing.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { formatTable } from "./lib/results.js";
import { benchServer } from "./server.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

benchServer(ROOT)
  .then((rows) => console.log(formatTable(rows)))
  .catch((error: unknown) => {
    console.error(`bench:server: ${(error as Error).stack ?? String(error)}`);
    process.exitCode = 2;
  });
