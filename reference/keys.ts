import type { AuthInfo } from "../runtime/server/index.js";

/**
 * A test secret key both reference servers accept: `sk_test_` and 10 to 247 letters or digits
 * (255 characters at most).
 */
export const VALID_TEST_KEY = /^sk_test_[A-Za-z0-9]{10,247}$/;

/** The secret key a request authenticated with: the Bearer token or the Basic user name ("" for none). */
export function apiKeyOf(auth: AuthInfo | null): string {
  return (auth?.kind === "bearer" ? auth.token : auth?.username) ?? "";
}
