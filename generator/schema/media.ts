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
