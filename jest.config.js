/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  testMatch: ['**/*.test.ts'],
  // No test may reach the network: nock blocks anything not mocked (see test/setup.ts).
  setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
  // With jest's summary: each skipped test, whose name says why (see docs/testing.md).
  reporters: ['default', '<rootDir>/test/support/skip-reporter.js'],
};
