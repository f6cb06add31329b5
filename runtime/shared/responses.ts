/**
 * Which documented response a status falls under, the OpenAPI way: the exact code (`404`), then its
 * range (`4XX`), then `default`. Shared by the server's response checking, the client's response
 * validation and the contract harness.
 */
export function responseKeyFor(documented: Iterable<string>, status: number | string): string | undefined {
  const keys = new Set(documented);
  const exact = String(status);
  if (keys.has(exact)) return exact;
  const range = `${exact.charAt(0)}XX`;
  if (keys.has(range)) return range;
  return keys.has("default") ? "default" : undefined;
}
