import type { ModelJson, OperationJson } from "./types.js";

type Scheme = ModelJson["securitySchemes"][number];

/** Where a key goes for one request. */
export interface Credentials {
  headers: Record<string, string>;
  query: Record<string, string>;
}

/** Does any operation of the spec require credentials? An API without security needs no key. */
export function needsKey(model: ModelJson): boolean {
  return model.operations.some((o) => o.security.some((r) => r.schemes.length > 0));
}

/**
 * The securityScheme keys are sent through: the configured one (it must exist), else the first
 * scheme an operation of the spec names. Undefined for a spec without security.
 */
export function chooseScheme(model: ModelJson, configured: string | undefined): Scheme | undefined {
  if (configured !== undefined) {
    const found = model.securitySchemes.find((s) => s.name === configured);
    if (!found) throw new Error(`auth.scheme '${configured}' is not a securityScheme of the spec (it has: ${model.securitySchemes.map((s) => s.name).join(", ") || "none"})`);
    return found;
  }
  const used = model.operations.flatMap((o) => o.security.flatMap((r) => r.schemes));
  return model.securitySchemes.find((s) => used.includes(s.name)) ?? model.securitySchemes[0];
}

/** The key placed as the scheme says: Bearer or Basic Authorization, an API-key header, query parameter or cookie. */
export function credentialsFor(scheme: Scheme | undefined, operation: OperationJson, key: string): Credentials {
  const out: Credentials = { headers: {}, query: {} };
  if (!scheme || key === "" || !operation.security.some((r) => r.schemes.length > 0)) return out;
  if (scheme.type === "http" && scheme.scheme?.toLowerCase() === "basic") {
    // a key without ':' is the user name with an empty password (Stripe's convention)
    out.headers.authorization = `Basic ${Buffer.from(key.includes(":") ? key : `${key}:`).toString("base64")}`;
  } else if (scheme.type === "apiKey" && scheme.parameterName) {
    if (scheme.in === "query") out.query[scheme.parameterName] = key;
    else if (scheme.in === "cookie") out.headers.cookie = `${scheme.parameterName}=${encodeURIComponent(key)}`;
    else out.headers[scheme.parameterName.toLowerCase()] = key;
  } else {
    // http bearer, oauth2 and openIdConnect all carry a token
    out.headers.authorization = `Bearer ${key}`;
  }
  return out;
}
