// The floor: the least any webhook that reads Reddit can do. One GET of the
// same listing from the same Reddit stub with node:http, then the first
// title as the answer. No parsing beyond JSON.parse, no checks, no cache.
const functions = require('@google-cloud/functions-framework');
const http = require('node:http');

const LISTING = `${process.env.REDDIT_BASE_URL}/r/Jokes/top.json?t=day&limit=50&raw_json=1`;

functions.http('floor', (req, res) => {
  http
    .get(LISTING, { headers: { 'user-agent': 'bench-floor' } }, (upstream) => {
      let body = '';
      upstream.setEncoding('utf8');
      upstream.on('data', (chunk) => (body += chunk));
      upstream.on('end', () => {
        const post = JSON.parse(body).data.children.find((child) => !child.data.stickied);
        res.json({ fulfillmentText: post.data.title });
      });
    })
    .on('error', (error) => res.status(502).send(error.message));
});
