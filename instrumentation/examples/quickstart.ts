// The README's quick start: an executor instrumented with one import.
import { rpa } from '@rpa-analytics/instrumentation';

async function runInvoiceEntry(): Promise<void> {
  await rpa.trackExecution(
    { workflowId: 'invoice-entry', context: { machine: 'bot-1' } },
    async (execution) => {
      await execution.trackStep(
        { nodeId: 'open', actionType: 'click', targetElement: 'Open invoice' },
        async (step) => {
          step.setConfidence(0.97); // the visual matcher's score
        },
      );
      await execution.trackStep(
        { nodeId: 'amount', actionType: 'type', targetElement: 'Amount field' },
        async (step) => {
          step.recordRetry(); // the first attempt missed
          step.setConfidence(0.91);
        },
      );
    },
  );
}

const timer = setInterval(() => void runInvoiceEntry(), 500);
process.once('SIGTERM', async () => {
  clearInterval(timer);
  await rpa.shutdown(); // flushes what is buffered
  process.exit(0);
});
