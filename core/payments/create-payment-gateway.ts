import type { Config } from '../config';
import type { Db } from '../db/db';
import { AppError } from '../errors';
import { checkoutsThrough } from './open-checkout';
import type { PaymentGateway } from './payment-gateway';
import type { PaymentProvider } from './payment-provider';
import { createSandboxProvider } from './providers/sandbox/sandbox-provider';
import { createStripeClient } from './providers/stripe/stripe-client';
import { createStripeProvider } from './providers/stripe/stripe-provider';

/** The sandbox checkout exists only where no real money can be meant: the demo, without a Stripe key. */
export function sandboxAllowed(config: Pick<Config, 'STRIPE_SECRET_KEY' | 'demoMode'>): boolean {
  return !config.STRIPE_SECRET_KEY && config.demoMode;
}

/** Stripe when it is set up; the sandbox in demo mode; otherwise none. */
export function createPaymentProvider(config: Config): PaymentProvider | null {
  const stripe = createStripeClient(config);
  if (stripe) return createStripeProvider({ stripe, baseUrl: config.PUBLIC_BASE_URL, webhookSecret: config.STRIPE_WEBHOOK_SECRET });
  return sandboxAllowed(config) ? createSandboxProvider({ baseUrl: config.PUBLIC_BASE_URL }) : null;
}

/** The dialogue's way to payments: through the provider, or a gateway that says payments are off. */
export function createPaymentGateway({ provider, db, secret }: { provider: PaymentProvider | null; db: Db; secret: string }): PaymentGateway {
  if (provider) return checkoutsThrough(provider, { db, secret });
  return {
    async createCheckout() {
      throw new AppError('unavailable', 'online payments are not set up (STRIPE_SECRET_KEY is unset)',
        "Online payments aren't available right now. Please contact us to pay another way.");
    },
  };
}
