// Verifies the v1a (Ed25519) entries of webhook-signature with Node's own crypto.verify. Input (stdin): a JSON array of
// { publicKey: "whpk_<base64 of 32 bytes>", headers, body } with body in base64. Output: a JSON array, per case, of
// "ok" when some v1a entry verifies with that key, else "no match".
const crypto = require('crypto');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const cases = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const results = cases.map(({ publicKey, headers, body }) => {
  const raw = Buffer.from(publicKey.replace(/^whpk_/, ''), 'base64');
  const key = crypto.createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
  const content = Buffer.concat([
    Buffer.from(`${headers['webhook-id']}.${headers['webhook-timestamp']}.`, 'utf8'),
    Buffer.from(body, 'base64'),
  ]);
  const verified = headers['webhook-signature'].split(' ')
    .filter((entry) => entry.startsWith('v1a,'))
    .some((entry) => crypto.verify(null, content, key, Buffer.from(entry.slice(4), 'base64')));
  return verified ? 'ok' : 'no match';
});
process.stdout.write(JSON.stringify(results));
