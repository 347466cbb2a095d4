/** Tests run TypeScript through swc; `npm test` type-checks with tsc first. Dynamic import() stays as is: PGlite and the schema engine are ESM. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs', ignoreDynamic: true } }] },
  testTimeout: 30000,
  // Two workers: most tests wait on a database or a browser, and the fuzz tests run beside the rest.
  maxWorkers: 2,
};
