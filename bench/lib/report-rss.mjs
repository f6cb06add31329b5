// Loaded with `node --import`: prints the process's peak RSS when it exits, for the benchmarks.
process.on("exit", () => {
  process.stderr.write(`__max_rss_kb=${process.resourceUsage().maxRSS}\n`);
});
