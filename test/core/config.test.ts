import { loadConfig } from '../../core/config';

test('no settings: demo mode on the embedded database, port 3978', () => {
  const config = loadConfig({});
  expect(config).toMatchObject({ PORT: 3978, PUBLIC_BASE_URL: 'http://localhost:3978', demoMode: true, LOG_LEVEL: 'info' });
  expect(config.DATABASE_URL).toBeUndefined();
});

test.each([
  [{ PORT: 'eighty' }, 'PORT'],
  [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
  [{ PUBLIC_BASE_URL: 'portal.example.com' }, 'PUBLIC_BASE_URL'],
  [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
  [{ NODE_ENV: 'production' }, 'APP_SECRET'],
  [{ STRIPE_SECRET_KEY: 'sk_test_1' }, 'APP_SECRET'],
])('a wrong value stops the start naming the variable: %j', (env, name) => {
  expect(() => loadConfig(env)).toThrow(new RegExp(`^Invalid settings:\\n  ${name}:`));
});

test('a provider key turns demo mode off', () => {
  expect(loadConfig({ TWILIO_AUTH_TOKEN: 't', APP_SECRET: 'x'.repeat(32) }).demoMode).toBe(false);
});
