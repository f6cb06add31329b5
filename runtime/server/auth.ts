import type { FastifyRequest } from "fastify";
import qs from "qs";
import type { AuthInfo, OperationSpec, SecuritySchemeSpec } from "./types.js";

/** The credentials a request carries for the first of the operation's schemes that it uses. */
export function extractAuth(request: FastifyRequest, op: OperationSpec, schemes: readonly SecuritySchemeSpec[]): AuthInfo | null {
  const names = [...new Set(op.security.flat())];
  for (const name of names) {
    const scheme = schemes.find((s) => s.name === name);
    if (!scheme) continue;
    const found = fromScheme(request, scheme);
    if (found) return found;
  }
  return null;
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

function fromScheme(request: FastifyRequest, scheme: SecuritySchemeSpec): AuthInfo | null {
  if (scheme.type === "http") {
    const authorization = header(request, "authorization");
    if (!authorization) return null;
    const [kind = "", ...rest] = authorization.trim().split(/\s+/);
    const credentials = rest.join(" ");
    const wanted = (scheme.scheme ?? "").toLowerCase();
    if (wanted === "basic" && kind.toLowerCase() === "basic") return basic(scheme.name, credentials);
    if (wanted === "bearer" && kind.toLowerCase() === "bearer") return { scheme: scheme.name, kind: "bearer", token: credentials };
    return null;
  }
  if (scheme.type === "apiKey" && scheme.parameterName) {
    const value = apiKeyValue(request, scheme.in ?? "header", scheme.parameterName);
    return value === undefined ? null : { scheme: scheme.name, kind: "apiKey", apiKey: value };
  }
  return null;
}

function basic(scheme: string, credentials: string): AuthInfo {
  const decoded = Buffer.from(credentials, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  const username = colon === -1 ? decoded : decoded.slice(0, colon);
  const password = colon === -1 ? "" : decoded.slice(colon + 1);
  return { scheme, kind: "basic", username, password };
}

function apiKeyValue(request: FastifyRequest, location: string, name: string): string | undefined {
  if (location === "header") return header(request, name);
  if (location === "query") {
    const query = request.url.includes("?") ? qs.parse(request.url.slice(request.url.indexOf("?") + 1), { depth: 0 }) : {};
    const value = (query as Record<string, unknown>)[name];
    return typeof value === "string" ? value : undefined;
  }
  if (location === "cookie") {
    for (const part of (header(request, "cookie") ?? "").split(";")) {
      const [key, ...value] = part.trim().split("=");
      if (key === name) return decodeURIComponentSafe(value.join("="));
    }
  }
  return undefined;
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
