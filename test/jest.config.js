/** End-to-end tests start real binaries: long timeouts, one file at a time. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  testTimeout: 600000,
  setupFilesAfterEnv: ['<rootDir>/src/support/kill-leftovers.ts'],
};
