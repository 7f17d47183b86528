// The baseline: the smallest HTTP function functions-framework can serve.
// Every ratio in bench/RESULTS.md is measured against this, in the same run.
const functions = require('@google-cloud/functions-framework');

functions.http('hello', (req, res) => {
  res.send('Hello World!');
});
