/** Something that stops a run before its first case: a spec that does not load, no target, no cases. Exit 2. */
export class HarnessSetupError extends Error {}
