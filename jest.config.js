/** @type {import('jest').Config} */
module.exports = {
  // Jest's node environment, which also switches off each file's nock when the file ends (see there).
  testEnvironment: '<rootDir>/test/support/node-environment.js',
  roots: ['<rootDir>/test'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  // Jest's order, or a seeded shuffle of the files when TEST_ORDER_SEED is set (npm run test:stress).
  testSequencer: '<rootDir>/test/support/sequencer.js',
  testMatch: ['**/*.test.ts'],
  // No test may reach the network: nock blocks anything not mocked (see test/setup.ts).
  setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
  // With jest's summary: each skipped test, whose name says why (see docs/testing.md).
  reporters: ['default', '<rootDir>/test/support/skip-reporter.js'],
};
