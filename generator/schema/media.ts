import { toPascalCase } from "../model/names.js";

/** Media-type families that decide parsing, coercion and encoding. */
export function baseMediaType(mediaType: string): string {
  return mediaType.split(";")[0]!.trim().toLowerCase();
}

export function isFormMedia(mediaType: string): boolean {
  const base = baseMediaType(mediaType);
  return base === "application/x-www-form-urlencoded" || base === "multipart/form-data";
}

export function isJsonMedia(mediaType: string): boolean {
  const base = baseMediaType(mediaType);
  return base === "application/json" || base.endsWith("+json") || base === "*/*";
}

/** `application/json` → `Json`, `application/x-www-form-urlencoded` → `Form`, others by their words. */
export function mediaSuffix(mediaType: string): string {
  const base = mediaType.split(";")[0]!.trim().toLowerCase();
  if (base === "application/json" || base === "*/*") return "";
  if (base === "application/x-www-form-urlencoded") return "Form";
  if (base === "multipart/form-data") return "Multipart";
  return toPascalCase(base);
}
