/** Tests run TypeScript through swc; `npm test` type-checks with tsc first. Dynamic import() stays as is: PGlite and the schema engine are ESM. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs', ignoreDynamic: true } }] },
  testTimeout: 30000,
};
