// The receiver check from the public webhooks docs, verbatim: HMAC over JSON.stringify(req.body)
// after express.json() parsed the body. Input (stdin): a JSON array of { secret, signature, body }
// with body in base64. Output: a JSON array of "ok", "mismatch" or the error message.
const crypto = require('crypto');

function verifyWebhookSignature(payload, signature, secret) {
  const expectedSignature = crypto
    .createHmac('sha256', secret)
    .update(payload)
    .digest('hex');

  return crypto.timingSafeEqual(
    Buffer.from(signature),
    Buffer.from(expectedSignature)
  );
}

const cases = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const results = cases.map(({ secret, signature, body }) => {
  try {
    const reqBody = JSON.parse(Buffer.from(body, 'base64').toString('utf8'));
    const payload = JSON.stringify(reqBody);
    return verifyWebhookSignature(payload, signature, secret) ? 'ok' : 'mismatch';
  } catch (e) {
    return String(e.message);
  }
});
process.stdout.write(JSON.stringify(results));
