// Preloaded (with --expose-gc) by the memory benchmark only, into the bare hello
// and the webhook alike: on SIGUSR2, a full garbage collection, then one JSON
// line with process.memoryUsage() on stderr. Live memory, not GC timing, is compared.
process.on('SIGUSR2', () => {
  global.gc();
  process.stderr.write(`${JSON.stringify({ benchMemory: process.memoryUsage() })}\n`);
});
