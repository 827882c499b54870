/** Tests run the TypeScript sources through SWC; `npm test` type-checks separately. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }],
    // cookie 2 (used by Fastify's inject) is ESM only; Jest loads CommonJS.
    '/node_modules/cookie/.+\\.js$': [
      '@swc/jest',
      { jsc: { target: 'es2022' }, module: { type: 'commonjs' } },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!cookie/)'],
  testTimeout: 60000,
};
