/**
 * `node --import @rpa-analytics/instrumentation/register app.js`: starts the
 * shared instrumentation before the executor's code runs, configured from the
 * environment, and flushes it when the process is about to exit.
 */
import { rpa } from './index';

rpa.start();
