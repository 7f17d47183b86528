// @ts-check
// `npm run lint`: typescript-eslint's strict, type-checked rules on src/, scripts/ and test/.
// Every rule below that differs from strictTypeChecked says why.
import eslint from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  // Generated or measured, not written: build output, the generated agent export, reports, the bench baselines.
  globalIgnores(['dist/', 'build/', 'agent/', 'coverage/', 'reports/', 'bench/', '.stryker-tmp/', '*.config.js', '*.config.mjs']),
  eslint.configs.recommended,
  tseslint.configs.strictTypeChecked,
  {
    // An eslint-disable comment must name a rule that fires on its line, or it is an error itself.
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    languageOptions: {
      parserOptions: {
        // tsconfig.json covers src/, scripts/ and test/. The three CommonJS files jest loads without a
        // transform (test/support/*.js) are in no tsconfig; they get tsconfig.json's options as a default project.
        projectService: { allowDefaultProject: ['test/support/*.js'], defaultProject: 'tsconfig.json' },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // Numbers read fine in messages and log lines ("at most 65536 bytes"); everything else
      // (undefined, null, objects, booleans) stays an error, which is where the real mistakes were.
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowAny: false, allowBoolean: false, allowNever: false, allowNullish: false, allowNumber: true, allowRegExp: false },
      ],
      // Off: tsconfig has noUncheckedIndexedAccess, so `x[i]` is `T | undefined` even where the code has
      // just proven the element is there (a regex's capture group, zod's non-empty issue list, an index
      // modulo the length). `!` marks those places; a fallback instead would be dead code that mutation
      // testing reports as a surviving mutant. The rule has no options.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // `(x) => res.end()` and `return send(...)` in a function typed to return void are this codebase's
      // shorthand and early return; the rule still catches a void value used as a value.
      '@typescript-eslint/no-confusing-void-expression': [
        'error',
        { ignoreArrowShorthand: true, ignoreVoidReturningFunctions: true },
      ],
      // Off: an `async` function without `await` is how this codebase implements a Promise-returning
      // interface (PostSource, SharedStore, their fakes): it also turns a throw into a rejection, which a
      // `Promise.resolve(...)` rewrite would lose. A missing `await` is caught by no-floating-promises and
      // no-misused-promises, which stay on. The rule has no options.
      '@typescript-eslint/require-await': 'off',
      // tsc's noUnusedLocals/noUnusedParameters already allow a leading `_` and the rest-sibling omission
      // (`const { time: _time, ...rest } = line`); lint agrees with them rather than asking for rewrites.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // Two objects that call each other are tied by a late binding (`let budget; new HostCooldown(...,
      // () => budget?.share(...)); budget = new SharedBudget(...)`): a `let` read in a closure before its one
      // assignment is meant, not a missed `const`.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      // Passing on what was caught (typed unknown) is not making up a non-Error rejection: raceTimeout
      // rejects with whatever `late` threw.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
    },
  },
  {
    files: ['test/**'],
    rules: {
      // Off in tests: they read the JSON they receive (the webhook's answers, the fake Dialogflow's request
      // bodies) as `any` and assert on paths in it; a wrong path fails the assertion, so typing every body
      // would add casts without catching anything. src/ and scripts/ keep these rules: there every outside
      // value goes through a zod schema.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // Off in tests: `require` there is on purpose, as jest needs it: the live module object that a spy
      // patches, a module loaded fresh under jest.isolateModules or after jest.doMock, a CommonJS helper.
      '@typescript-eslint/no-require-imports': 'off',
      // Off in tests: they remove variables by name from a copy of process.env, and the fake Dialogflow
      // drops the fields an update mask names: dictionaries by design.
      '@typescript-eslint/no-dynamic-delete': 'off',
    },
  },
  {
    // The demo's browser code is in tsconfig.web.json (DOM types), which the project service does not find
    // by itself: tsconfig.json, the nearest one, excludes the folder.
    files: ['scripts/demo/web/**'],
    languageOptions: { parserOptions: { projectService: false, project: './tsconfig.web.json' } },
  },
  {
    files: ['test/support/*.js'],
    // Jest loads these (environment, sequencer, reporter) as plain CommonJS, without a transform.
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', process: 'readonly' } },
  },
);
