// The receiver from the public webhooks docs, run as a real server: express.json(), the documented
// verifyWebhookSignature over JSON.stringify(req.body), and the documented switch on event.type.
// Usage: node seed-receiver.js <secret>. Prints "listening <port>", then one JSON line per request.
const express = require('express');
const crypto = require('crypto');
const app = express();

app.use(express.json());

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

const secret = process.argv[2];

app.post('/webhook', (req, res) => {
  const signature = req.headers['x-libromi-signature'];
  const payload = JSON.stringify(req.body);

  if (!verifyWebhookSignature(payload, signature, secret)) {
    console.log(JSON.stringify({ verified: false, type: req.body.type }));
    return res.status(401).send('Unauthorized');
  }

  const event = req.body;
  let summary;
  switch (event.type) {
    case 'message.received':
      summary = { from: event.data.contact.name, content: event.data.message.content };
      break;
    case 'contact.created':
      summary = { name: event.data.contact.name, attributes: event.data.contact.attributes };
      break;
    default:
      summary = null;
  }
  console.log(JSON.stringify({ verified: true, id: event.id, type: event.type, summary }));
  res.status(200).send('OK');
});

const server = app.listen(0, '127.0.0.1', () => {
  console.log(`listening ${server.address().port}`);
});
