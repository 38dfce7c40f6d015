// Verifies deliveries with the npm standardwebhooks package. Input (stdin): a JSON array of
// { secret, headers, body } with body in base64. Output: a JSON array of "ok" or the error message.
const { Webhook } = require('standardwebhooks');
const cases = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const results = cases.map(({ secret, headers, body }) => {
  try {
    new Webhook(secret).verify(Buffer.from(body, 'base64').toString('utf8'), headers);
    return 'ok';
  } catch (e) {
    return String(e.message);
  }
});
process.stdout.write(JSON.stringify(results));
