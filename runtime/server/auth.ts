import type { FastifyRequest } from "fastify";
import { parseCookieHeader } from "./parse-input.js";
import type { AuthInfo, OperationSpec, SecuritySchemeSpec } from "./types.js";
import { getOwn } from "../shared/own.js";

/** The schemes an operation accepts, in the order its security requirements name them, each once. */
export function schemesFor(op: OperationSpec, schemes: readonly SecuritySchemeSpec[]): SecuritySchemeSpec[] {
  const out: SecuritySchemeSpec[] = [];
  for (const name of new Set(op.security.flat())) {
    const scheme = schemes.find((s) => s.name === name);
    if (scheme) out.push(scheme);
  }
  return out;
}

/**
 * The credentials a request carries for the first of the operation's schemes that it uses. `query` is
 * the request's query string as the route parsed it (with the server's limits); an apiKey in the
 * query is read from it, never re-parsed.
 */
export function extractAuth(
  request: FastifyRequest,
  op: OperationSpec,
  schemes: readonly SecuritySchemeSpec[],
  query: Readonly<Record<string, unknown>>,
): AuthInfo | null {
  return extractAuthFrom(request, schemesFor(op, schemes), query);
}

/** As extractAuth, with the operation's schemes resolved beforehand (`schemesFor`, once per route). */
export function extractAuthFrom(request: FastifyRequest, schemes: readonly SecuritySchemeSpec[], query: Readonly<Record<string, unknown>>): AuthInfo | null {
  for (const scheme of schemes) {
    const found = fromScheme(request, scheme, query);
    if (found) return found;
  }
  return null;
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

function fromScheme(request: FastifyRequest, scheme: SecuritySchemeSpec, query: Readonly<Record<string, unknown>>): AuthInfo | null {
  if (scheme.type === "http") {
    const authorization = header(request, "authorization");
    if (!authorization) return null;
    const { kind, credentials } = splitAuthorization(authorization);
    const wanted = (scheme.scheme ?? "").toLowerCase();
    if (wanted === "basic" && kind.toLowerCase() === "basic") return basic(scheme.name, credentials);
    if (wanted === "bearer" && kind.toLowerCase() === "bearer") return { scheme: scheme.name, kind: "bearer", token: credentials };
    return null;
  }
  if (scheme.type === "apiKey" && scheme.parameterName) {
    const value = apiKeyValue(request, { location: scheme.in ?? "header", name: scheme.parameterName, query });
    return value === undefined ? null : { scheme: scheme.name, kind: "apiKey", apiKey: value };
  }
  return null;
}

/**
 * `Bearer  abc  def ` → kind `Bearer`, credentials `abc def`: the first word, then the other words
 * joined by single spaces (what splitting the trimmed header on whitespace gives), without a split
 * in the common case of one space between two words.
 */
function splitAuthorization(authorization: string): { kind: string; credentials: string } {
  const text = authorization.trim();
  const space = text.search(/\s/);
  if (space === -1) return { kind: text, credentials: "" };
  const rest = text.slice(space).trimStart();
  return { kind: text.slice(0, space), credentials: /\s\s|[^\S ]/.test(rest) ? rest.replace(/\s+/g, " ") : rest };
}

function basic(scheme: string, credentials: string): AuthInfo {
  const decoded = decodeBase64Utf8(credentials);
  const colon = decoded.indexOf(":");
  const username = colon === -1 ? decoded : decoded.slice(0, colon);
  const password = colon === -1 ? "" : decoded.slice(colon + 1);
  return { scheme, kind: "basic", username, password };
}

/** Base64 → UTF-8 text with web APIs (generated code needs no @types/node); "" when it is not base64. */
function decodeBase64Utf8(text: string): string {
  try {
    return new TextDecoder().decode(Uint8Array.from(atob(text), (c) => c.charCodeAt(0)));
  } catch {
    return "";
  }
}

function apiKeyValue(
  request: FastifyRequest,
  where: { location: string; name: string; query: Readonly<Record<string, unknown>> },
): string | undefined {
  if (where.location === "header") return header(request, where.name);
  const value = where.location === "query" ? getOwn(where.query, where.name) : where.location === "cookie" ? getOwn(parseCookieHeader(request.headers.cookie), where.name) : undefined;
  return typeof value === "string" ? value : undefined;
}
