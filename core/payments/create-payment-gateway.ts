import type Stripe from 'stripe';
import type { Config } from '../config';
import type { Db } from '../db/open-database';
import { AppError } from '../errors';
import type { PaymentGateway } from './payment-gateway';
import { createSandboxGateway } from './sandbox-checkout';
import { createStripeGateway } from './stripe-gateway';

/** The sandbox checkout exists only where no real money can be meant: the demo, without a Stripe key. */
export function sandboxAllowed(config: Pick<Config, 'STRIPE_SECRET_KEY' | 'demoMode'>): boolean {
  return !config.STRIPE_SECRET_KEY && config.demoMode;
}

/** Stripe when it is set up; the sandbox in demo mode; otherwise a gateway that says payments are off. */
export function createPaymentGateway({ config, db, stripe }: { config: Config; db: Db; stripe: Stripe | null }): PaymentGateway {
  if (stripe) return createStripeGateway({ db, stripe, baseUrl: config.PUBLIC_BASE_URL });
  if (sandboxAllowed(config)) return createSandboxGateway({ db, baseUrl: config.PUBLIC_BASE_URL });
  return {
    async createCheckout() {
      throw new AppError('unavailable', 'online payments are not set up (STRIPE_SECRET_KEY is unset)',
        "Online payments aren't available right now. Please contact us to pay another way.");
    },
  };
}
