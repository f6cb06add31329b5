import { stripeIds } from "../ids.js";
import { cleanMetadata, type Answer } from "./coupons.js";
import { limitError, resourceMissing } from "./errors.js";
import { customerObject, nowSeconds } from "./serialize.js";
import type { CustomerRecord, StripeStore } from "./store.js";

/** The Customers endpoints promotion codes need: create and retrieve (the same in both versions). */
export interface CustomerInput {
  description?: string;
  email?: string;
  metadata?: Record<string, string> | "";
  name?: string;
  expand?: string[];
}

export function createCustomer(store: StripeStore, account: string, input: CustomerInput): Answer {
  const customer: CustomerRecord = {
    id: stripeIds.customer(),
    created: nowSeconds(),
    description: input.description ?? null,
    email: input.email ?? null,
    metadata: cleanMetadata(input.metadata),
    name: input.name ?? null,
  };
  const refused = store.insertCustomer(account, customer);
  if (refused === "exists") return createCustomer(store, account, input); // a random id taken: draw again
  if (refused) return limitError(refused);
  return { status: 200, body: customerObject(customer) };
}

export function retrieveCustomer(store: StripeStore, account: string, id: string): Answer {
  const customer = store.getCustomer(account, id);
  return customer ? { status: 200, body: customerObject(customer) } : resourceMissing("customer", id, "id");
}
