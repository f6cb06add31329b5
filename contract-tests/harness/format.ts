import type { CaseResult } from "./types.js";

const REDACTED = "[redacted]";

/**
 * The forms of an API key to scrub from anything printed or written: the key itself, its Basic
 * credentials (`base64(key:)`) and the bare base64 of the key (what `basic-raw` schemes carry).
 */
export function secretForms(key: string): string[] {
  if (!key) return [];
  return [key, Buffer.from(`${key}:`).toString("base64"), Buffer.from(key).toString("base64")];
}

/** Replace every secret (the key and its base64 forms) in text. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join(REDACTED);
  return out;
}

/**
 * The failure report of one case: the request sent (secrets redacted), expected and actual status,
 * each check that failed with its details (ajv instancePath/message, schema pointer, file:line,
 * echoed-value diff), and the substitutions made.
 */
export function formatFailure(result: CaseResult, secrets: readonly string[]): string {
  const lines: string[] = [];
  const { case: c } = result;
  lines.push(`${c.title}${c.at ? `  (${c.at})` : ""}`);
  if (result.request) {
    lines.push(`  request: ${result.request.method} ${result.request.url}`);
    if (result.request.body !== undefined) lines.push(`  body (${result.request.mediaType}): ${truncate(result.request.body, 400)}`);
  }
  if (!result.failures.some((f) => f.check === "status")) {
    lines.push(`  status: expected ${c.expectStatuses.join(" or ")}, got ${result.status ?? "no answer"}`);
  }
  for (const failure of result.failures) {
    lines.push(`  ✗ ${failure.check}: ${failure.message}`);
    for (const detail of failure.details ?? []) lines.push(`      ${detail}`);
  }
  for (const note of result.notes) lines.push(`  · ${note}`);
  return redact(lines.join("\n"), secrets);
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
