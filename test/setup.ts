import nock from 'nock';

// No test may touch the real network: anything not explicitly mocked fails fast.
// Loopback stays allowed for tests that start the function on a local port.
nock.disableNetConnect();
nock.enableNetConnect(/^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/);

afterEach(() => {
  // Delayed replies keep timers alive; drop them so jest can exit cleanly.
  nock.abortPendingRequests();
  nock.cleanAll();
});

// Each test file gets its own copy of nock, but the request interceptor nock
// installs is global to the worker process: a stale copy from the previous file
// would refuse every request of the next one. Remove it when the file is done.
afterAll(() => {
  nock.restore();
});
