import nock from 'nock';

// No test may touch the real network: anything not explicitly mocked fails fast.
// Loopback stays allowed for tests that start the function on a local port.
nock.disableNetConnect();
nock.enableNetConnect(/^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/);

// This file's copy of nock, for the test environment to switch off when the file ends,
// whether or not its tests ran (test/support/node-environment.js).
(globalThis as Record<symbol, unknown>)[Symbol.for('reddit-webhook.test.nock')] = nock;

afterEach(() => {
  // Delayed replies keep timers alive; drop them so jest can exit cleanly.
  nock.abortPendingRequests();
  nock.cleanAll();
});
