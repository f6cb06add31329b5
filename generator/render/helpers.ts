import type HandlebarsType from "handlebars";

/** The only helpers templates may use: printing values, never deciding anything. */
export function registerHelpers(hb: typeof HandlebarsType): void {
  // A JS/TS literal for any JSON value (strings quoted and escaped).
  hb.registerHelper("json", (value: unknown) => JSON.stringify(value));
}
