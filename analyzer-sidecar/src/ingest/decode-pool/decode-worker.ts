/** A decode worker's thread: one body at a time, decoded and mapped as on the main thread. */
import { parentPort, workerData } from 'node:worker_threads';
import { decodeRequest } from '../decode-request';
import { describeError, type DecodeJob, type DecodeReply, type DecodeWorkerData } from './decode-messages';

const { limits } = workerData as DecodeWorkerData;
const port = parentPort;
if (port === null) throw new Error('decode-worker runs in a worker thread');

port.on('message', (job: DecodeJob) => {
  let reply: DecodeReply;
  try {
    const raw = Buffer.from(job.body.buffer, job.body.byteOffset, job.body.byteLength);
    reply = { ok: true, decoded: decodeRequest(job.signal, job.encoding, raw, limits) };
  } catch (error) {
    reply = { ok: false, error: describeError(error) };
  }
  port.postMessage(reply);
});
