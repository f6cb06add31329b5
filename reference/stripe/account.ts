import type { AuthInfo } from "../../runtime/server/index.js";

/** What Stripe accepts here as a test secret key: `sk_test_` and 10 to 247 letters or digits. */
export const VALID_KEY = /^sk_test_[A-Za-z0-9]{10,247}$/;

/** The secret key a request authenticated with (onAuth has already refused anything else). */
export function apiKeyOf(auth: AuthInfo | null): string {
  return (auth?.kind === "bearer" ? auth.token : auth?.username) ?? "";
}
