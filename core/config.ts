import fs from 'node:fs';
import { z } from 'zod';
import { AppError } from './errors';

/** The only reader of the environment. Every setting is named in shared/contracts/server.md. */

const optional = z.string().trim().min(1).optional();
const url = (what: string) =>
  z.string().trim().refine((v) => /^https?:\/\/[^\s/]+/.test(v), `must be an http(s) URL (${what})`);

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  HOST: z.string().trim().min(1).optional(),
  /** Proxies in front of the server whose X-Forwarded-For is to be believed (a load balancer: 1). */
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  PUBLIC_BASE_URL: url('e.g. https://portal.example.com').optional(),
  DEMO: z.enum(['0', '1', 'true', 'false']).optional(),
  DATABASE_URL: z.string().trim().refine((v) => /^postgres(ql)?:\/\//.test(v), 'must start with postgres:// or postgresql://').optional(),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  APP_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  TWILIO_ACCOUNT_SID: optional,
  TWILIO_AUTH_TOKEN: optional,
  TWILIO_SMS_FROM: optional,
  TWILIO_WHATSAPP_FROM: optional,
  /** Content SID of the approved WhatsApp template for reminders (variables 1 name, 2 amount, 3 link). */
  TWILIO_WHATSAPP_REMINDER_TEMPLATE: z.string().trim().regex(/^HX[0-9a-f]{32}$/i, 'must be a Twilio content SID (HX…)').optional(),
  SLACK_SIGNING_SECRET: optional,
  SLACK_BOT_TOKEN: optional,
  MicrosoftAppId: optional,
  MicrosoftAppPassword: optional,
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).optional(),
  MicrosoftAppTenantId: optional,
  STRIPE_SECRET_KEY: optional,
  STRIPE_WEBHOOK_SECRET: optional,
  STRIPE_API_URL: url('the Stripe API stand-in').optional(),
  SLACK_API_URL: url('the Slack Web API stand-in').optional(),
  TWILIO_API_URL: url('the Twilio API stand-in').optional(),
  SMTP_URL: z.string().trim().refine((v) => /^smtps?:\/\//.test(v), 'must start with smtp:// or smtps://').optional(),
  MAIL_FROM: optional,
  /** Bearer key of the merchant's admin API (POST /admin/payments); unset: that API answers 503. */
  ADMIN_API_KEY: z.string().trim().min(24, 'must be at least 24 characters').optional(),
  PUPPETEER_EXECUTABLE_PATH: optional,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = Omit<z.infer<typeof schema>, 'HOST' | 'PUBLIC_BASE_URL'> & {
  HOST: string;
  PUBLIC_BASE_URL: string;
  /** The demo: any contact may be tried from the console, payments go to the sandbox page. */
  demoMode: boolean;
  production: boolean;
  /**
   * The database may hold a real organization's data (production, or DATABASE_URL without
   * DEMO=1): nothing runs unauthenticated, not even the Bot Framework Emulator's mode.
   */
  realData: boolean;
};

const PROVIDER_KEYS = ['TWILIO_AUTH_TOKEN', 'SLACK_SIGNING_SECRET', 'MicrosoftAppId', 'STRIPE_SECRET_KEY'] as const;

/** The environment for a program the portal starts (the PDF browser): this process's, with `extra` on top. */
export function childEnvironment(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, ...extra };
}

/** The settings of a server or command an operator started: `.env` in the working folder, when there is one, under the environment itself. */
export function loadSettings(): Config {
  if (fs.existsSync('.env')) process.loadEnvFile('.env');
  return loadConfig();
}

/** Reads and checks the settings once; a bad value stops the start with the variable's name. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const input = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new AppError('config_invalid', `Invalid settings:\n${lines.join('\n')}`);
  }
  const values = parsed.data;
  const production = values.NODE_ENV === 'production';
  const demoAsked = values.DEMO === '1' || values.DEMO === 'true';
  if (demoAsked && production) throw new AppError('config_invalid', 'Invalid settings:\n  DEMO: cannot be on with NODE_ENV=production');
  const demoMode = demoAsked || (!production && !values.DATABASE_URL && PROVIDER_KEYS.every((k) => !values[k]));
  if (!demoMode && !values.APP_SECRET) {
    throw new AppError('config_invalid', 'Invalid settings:\n  APP_SECRET: required outside demo mode (with DATABASE_URL, a provider key or NODE_ENV=production)');
  }
  return {
    ...values,
    // The demo listens on this machine only; a real deployment on every interface.
    HOST: values.HOST ?? (demoMode ? '127.0.0.1' : '0.0.0.0'),
    PUBLIC_BASE_URL: (values.PUBLIC_BASE_URL ?? `http://localhost:${values.PORT}`).replace(/\/+$/, ''),
    demoMode,
    production,
    realData: production || (Boolean(values.DATABASE_URL) && !demoAsked),
  };
}
