// A decode worker that dies (exits at once, as on a fatal error) on a body
// starting with "CRASH", and decodes every other body as the real worker does.
const { parentPort } = require('node:worker_threads');
const { join } = require('node:path');

parentPort.on('message', (job) => {
  const head = Buffer.from(job.body.buffer, job.body.byteOffset, Math.min(5, job.body.byteLength));
  // Before the real worker's listener: the thread stops here, nothing is answered.
  if (head.toString('latin1') === 'CRASH') process.exit(70);
});
require('./typescript-worker.cjs');
require(join(__dirname, '..', 'ingest', 'decode-pool', 'decode-worker.ts'));
