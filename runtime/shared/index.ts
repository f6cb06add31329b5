export { responseKeyFor } from "./responses.js";
export { SCHEMA_ID_PREFIX, splitSchemaPath } from "./schema-path.js";
export { escapeSegment, unescapeSegment } from "./pointer.js";
export { getOwn, hasOwn, setOwn } from "./own.js";
