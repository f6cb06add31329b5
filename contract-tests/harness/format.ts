import type { CaseResult } from "./types.js";

const REDACTED = "[redacted]";

/**
 * The forms of an API key to scrub from anything printed or written: the key itself, its Basic
 * credentials (`base64(key:)`), the bare base64 of the key (what `basic-raw` schemes carry) and its
 * percent-encoding. Matching ignores case, so an uppercased echo is scrubbed too.
 */
export function secretForms(key: string): string[] {
  if (!key) return [];
  const forms = [key, Buffer.from(`${key}:`).toString("base64"), Buffer.from(key).toString("base64"), encodeURIComponent(key)];
  return [...new Set(forms)];
}

/** Replace every secret (the key and its encoded forms, in any case) in text. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (secret.length >= 4) out = out.replace(new RegExp(escapeRegExp(secret), "gi"), REDACTED);
  }
  return out;
}

/**
 * Redact a text that was cut short (a response read up to the byte cap): besides whole secrets, a
 * tail that begins a secret (4 characters or more) is replaced too, so no part of a key survives the cut.
 */
export function redactCut(text: string, secrets: readonly string[]): string {
  let out = redact(text, secrets);
  const lower = out.toLowerCase();
  for (const secret of secrets) {
    for (let n = Math.min(secret.length - 1, out.length); n >= 4; n--) {
      if (lower.endsWith(secret.slice(0, n).toLowerCase())) {
        out = `${out.slice(0, out.length - n)}${REDACTED}`;
        break;
      }
    }
  }
  return out;
}

/**
 * Control characters (C0 but tab and newline, DEL, C1), lone surrogates and non-characters as
 * visible escapes: what a target sends never moves the terminal's cursor or breaks XML.
 */
export function escapeControl(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
  });
}

/** Everything shown to a user from a target: secrets out first, then control characters escaped. */
export function sanitize(text: string, secrets: readonly string[]): string {
  return escapeControl(redact(text, secrets));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
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
    if (result.request.body !== undefined) lines.push(`  body (${result.request.mediaType}): ${truncate(redact(result.request.body, secrets), 400)}`);
  }
  if (!result.failures.some((f) => f.check === "status")) {
    lines.push(`  status: expected ${c.expectStatuses.join(" or ")}, got ${result.status ?? "no answer"}`);
  }
  for (const failure of result.failures) {
    lines.push(`  ✗ ${failure.check}: ${failure.message}`);
    for (const detail of failure.details ?? []) lines.push(`      ${detail}`);
  }
  for (const note of result.notes) lines.push(`  · ${note}`);
  return sanitize(lines.join("\n"), secrets);
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
