// @ts-check
const { TestEnvironment } = require('jest-environment-node');

/**
 * Jest's node environment, plus one duty at the end of every test file: switch off that
 * file's copy of nock.
 *
 * Each test file loads its own nock, but nock patches Node's http module, which every file
 * in the worker process shares. A copy left active intercepts the next file's requests with
 * its own (empty) list of mocks, and the next file's mocks are never seen: "Could not reach
 * Reddit (ENETUNREACH)". An `afterAll` in test/setup.ts cannot guarantee the switch-off:
 * jest runs no hooks at all in a file whose tests are all skipped (the Redis tests without
 * redis-server, the browser test without Chromium). The environment's teardown always runs.
 */
class NockSafeEnvironment extends TestEnvironment {
  async teardown() {
    /** @type {typeof import('nock') | undefined} */
    const nock = this.global[Symbol.for('reddit-webhook.test.nock')];
    if (nock) {
      nock.abortPendingRequests();
      nock.cleanAll();
      nock.restore();
    }
    await super.teardown();
  }
}

module.exports = NockSafeEnvironment;
