// Reads newline-delimited base64 JSON bodies on stdin and prints, one line each, the base64 of
// JSON.stringify(JSON.parse(body)) - what an express.json() receiver re-serialises - or "!" plus
// the error when the body does not parse.
const lines = require('fs').readFileSync(0, 'utf8').split('\n').filter((line) => line.length > 0);
const out = lines.map((line) => {
  try {
    const body = Buffer.from(line, 'base64').toString('utf8');
    return Buffer.from(JSON.stringify(JSON.parse(body)), 'utf8').toString('base64');
  } catch (e) {
    return '!' + String(e.message).replace(/\n/g, ' ');
  }
});
process.stdout.write(out.join('\n') + '\n');
