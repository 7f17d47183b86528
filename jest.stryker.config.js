// Jest as Stryker runs it (npm run mutate): the suite of jest.config.js, with ts-jest
// compiling each file on its own (no type check: Stryker's TypeScript checker and
// `npm test` do that), which keeps thousands of mutant runs affordable.
const base = require('./jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  // Stryker wraps the test environment and resolves its path without jest's <rootDir>.
  testEnvironment: require('node:path').join(__dirname, 'test', 'support', 'node-environment.js'),
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }] },
  // These run the code in another process (the prebuilt dist/ bundle, tsx, Chromium), where
  // Stryker's active mutant does not reach, so they cannot kill a mutant; they only add time
  // and, on a loaded machine, flaky start-ups to the initial run.
  testPathIgnorePatterns: [
    '/node_modules/',
    '<rootDir>/test/bundle.test.ts',
    '<rootDir>/test/start.test.ts',
    '<rootDir>/test/dev.test.ts',
    '<rootDir>/test/chat-cli.test.ts',
    '<rootDir>/test/demo.browser.test.ts',
    '<rootDir>/test/local-agent/explain.test.ts',
    // Property tests over thousands of generated bodies (10-20 s each): they guard against crashes
    // and invalid answers, not exact values, and would run for nearly every mutant.
    '<rootDir>/test/fuzz.test.ts',
    '<rootDir>/test/fuzz.http.test.ts',
    '<rootDir>/test/cx/fuzz.cx.test.ts',
  ],
  // A busy machine (Stryker's workers plus whatever else runs) must not turn slow start-ups into failures.
  testTimeout: 30_000,
  reporters: ['default'],
};
