import type HandlebarsType from "handlebars";
import { stringLiteral } from "./escape.js";

/** The only helpers templates may use: printing values, never deciding anything. */
export function registerHelpers(hb: typeof HandlebarsType): void {
  // A JS/TS literal for any JSON value (strings quoted and escaped).
  hb.registerHelper("json", (value: unknown) => stringLiteral(value));
  // A large data literal, printed as indented JSON.
  hb.registerHelper("jsonBlock", (value: unknown) => stringLiteral(value, 2));
}
