/** Tests run the TypeScript sources through SWC; `npm test` type-checks separately. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }],
  },
  testTimeout: 60000,
};
