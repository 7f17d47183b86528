import nock from 'nock';

// No test may touch the real network: anything not explicitly mocked fails fast.
// Loopback stays allowed for tests that start the function on a local port.
nock.disableNetConnect();
nock.enableNetConnect(/^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/);

afterEach(() => {
  nock.cleanAll();
});

// nock 14 patches node's http through a process-wide interceptor, but jest loads a fresh
// copy of nock for every test file of a worker: without restoring it here, the next file's
// nock finds the old copy still installed and nothing is intercepted any more.
afterAll(() => {
  nock.restore();
});
