/**
 * `node --import @rpa-analytics/instrumentation/register app.js`: starts the
 * shared instrumentation before the executor's code runs, configured from the
 * environment, and flushes it when the process is about to exit. Nothing it
 * starts keeps the process alive: `app.js` exits when its own work is done.
 *
 * Node runs `--import` modules in worker threads too (the executor's, and the
 * resource sampler's when `--import` comes from `NODE_OPTIONS`); the
 * instrumentation starts in the main thread only.
 */
import { isMainThread } from 'node:worker_threads';

if (isMainThread) {
  // Required here, not imported above: a worker thread does not even load the SDK.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { rpa } = require('./index') as typeof import('./index');
  rpa.start();
}
