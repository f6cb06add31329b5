/**
 * Names from a spec (properties, schemas, parameters, security schemes) are data: they never reach
 * Object.prototype. `setOwn` stores `__proto__` as an ordinary own property (assignment would replace
 * the prototype); `getOwn` answers only own properties (`constructor`, `hasOwnProperty`… are not found
 * on an object that does not define them).
 */
export function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
  if (key === "__proto__") Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

export function getOwn<T>(source: Readonly<Record<string, T>> | undefined | null, key: string): T | undefined {
  return source != null && Object.prototype.hasOwnProperty.call(source, key) ? source[key] : undefined;
}

export function hasOwn(source: object | undefined | null, key: string): boolean {
  return source != null && Object.prototype.hasOwnProperty.call(source, key);
}
