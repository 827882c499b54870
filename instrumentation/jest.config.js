/** Tests run the TypeScript sources through SWC; `npm test` type-checks separately. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  // The conventions from their sources: tests need no build of the sibling package.
  moduleNameMapper: { '^@rpa-analytics/conventions$': '<rootDir>/../conventions/src/index.ts' },
  testTimeout: 30000,
};
