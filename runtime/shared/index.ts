export { responseKeyFor } from "./responses.js";
export { DEFS_PREFIX, splitSchemaPath } from "./schema-path.js";
export { escapeSegment, unescapeSegment } from "./pointer.js";
