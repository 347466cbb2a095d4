/** Tests run TypeScript through swc; `npm test` type-checks with tsc first. Dynamic import() stays as is: PGlite and the schema engine are ESM. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs', ignoreDynamic: true } }] },
  testTimeout: 30000,
  // Three workers on two cores: most tests wait on a database, a browser or a child process (309 s against 345 s with two).
  maxWorkers: 3,
};
