import Stripe from 'stripe';
import type { Config } from '../../../config';

/**
 * The Stripe SDK client, or null when Stripe is not set up. STRIPE_API_URL points it at a
 * stand-in (tests only); the SDK's own auth, form encoding and idempotency headers stay in the path.
 */
export function createStripeClient(config: Pick<Config, 'STRIPE_SECRET_KEY' | 'STRIPE_API_URL'>): Stripe | null {
  if (!config.STRIPE_SECRET_KEY) return null;
  // A chat reply waits on the checkout link: fail in seconds, not after the SDK's 80 s default.
  const timeout = 15_000;
  if (!config.STRIPE_API_URL) return new Stripe(config.STRIPE_SECRET_KEY, { maxNetworkRetries: 2, timeout });
  const api = new URL(config.STRIPE_API_URL);
  const protocol = api.protocol === 'https:' ? 'https' : 'http';
  return new Stripe(config.STRIPE_SECRET_KEY, {
    host: api.hostname, port: api.port || (protocol === 'https' ? 443 : 80), protocol, maxNetworkRetries: 0, timeout,
  });
}
