/** What a request asks for through Prism's `Prefer` header convention: `Prefer: code=404, example=missing, dynamic=true`. */
export interface Preference {
  code?: string;
  example?: string;
  dynamic?: boolean;
}

const NO_PREFERENCE: Preference = Object.freeze({});

export function parsePrefer(header: string | string[] | undefined): Preference {
  if (header === undefined) return NO_PREFERENCE;
  const text = Array.isArray(header) ? header.join(",") : (header ?? "");
  const out: Preference = {};
  for (const part of text.slice(0, 1024).split(/[,;]/)) {
    const eq = part.indexOf("=");
    if (eq === -1) continue;
    const key = part.slice(0, eq).trim().toLowerCase();
    const value = part.slice(eq + 1).trim().replace(/^"(.*)"$/, "$1");
    if (key === "code" && /^[1-5][0-9][0-9]$/.test(value)) out.code = value;
    else if (key === "example" && value !== "") out.example = value;
    else if (key === "dynamic") out.dynamic = value.toLowerCase() === "true";
  }
  return out;
}
