/** JSON Schema 2020-12 keywords (core, applicator, unevaluated, validation, meta-data, format, content). */
export const KNOWN_KEYWORDS = new Set([
  "$schema", "$ref", "$dynamicRef", "$dynamicAnchor", "$vocabulary", "$comment", "$defs",
  "prefixItems", "items", "contains", "additionalProperties", "properties", "patternProperties",
  "dependentSchemas", "propertyNames", "if", "then", "else", "allOf", "anyOf", "oneOf", "not",
  "unevaluatedItems", "unevaluatedProperties",
  "type", "const", "enum", "multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum",
  "maxLength", "minLength", "pattern", "maxItems", "minItems", "uniqueItems", "maxContains", "minContains",
  "maxProperties", "minProperties", "required", "dependentRequired",
  "title", "description", "default", "deprecated", "readOnly", "writeOnly", "examples",
  "format", "contentEncoding", "contentMediaType", "contentSchema", "definitions",
]);

/** OpenAPI annotations that carry no validation: dropped without a word. */
export const OPENAPI_ANNOTATIONS = new Set(["example", "xml", "externalDocs", "discriminator", "$id", "$anchor", "nullable"]);

export const SCHEMA_MAPS = new Set(["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"]);
export const SCHEMA_ARRAYS = new Set(["allOf", "anyOf", "oneOf", "prefixItems"]);
export const SCHEMA_SINGLES = new Set([
  "additionalProperties", "items", "not", "if", "then", "else", "contains", "propertyNames",
  "unevaluatedItems", "unevaluatedProperties", "contentSchema",
]);
