/**
 * The runtime helper types a generated file needs: those named in the type expressions its emitter
 * built. Generated files import nothing they do not use, so they compile under `noUnusedLocals`.
 */
export function usedHelpers(candidates: readonly string[], typeExpressions: unknown): string[] {
  const text = JSON.stringify(typeExpressions);
  return candidates.filter((name) => new RegExp(`\\b${name}\\b`).test(text));
}

/** Whether the type expressions name a generated type (`T.Widget`): the `import type * as T` is emitted only then. */
export function usesGeneratedTypes(typeExpressions: unknown): boolean {
  return /\bT\./.test(JSON.stringify(typeExpressions));
}
