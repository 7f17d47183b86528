// Jest as Stryker runs it (npm run mutate): the suite of jest.config.js, with ts-jest
// compiling each file on its own (no type check: Stryker's TypeScript checker and
// `npm test` do that), which keeps thousands of mutant runs affordable.
const base = require('./jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }] },
};
