/**
 * Pushes the analyzer's live alerts to Alertmanager's v2 API
 * (https://prometheus.io/docs/alerting/latest/clients/): at once when one
 * starts or ends, and every `resendIntervalMs` for the active ones (as
 * Prometheus does, so Alertmanager does not time them out); an ended alert is
 * posted with its `endsAt`. Failed posts are counted and retried with the next round.
 */
import type { EventBus } from '../live/event-bus';
import type { LiveExecution } from '../live/execution-tracker';
import { type AlertRules, type LiveAlert, LiveAlerts } from './live-alerts';

export interface AlertmanagerPushOptions {
  url: string;
  bus: EventBus;
  running: () => LiveExecution[];
  now: () => number;
  resendIntervalMs: number;
  rules?: AlertRules;
  onError: (error: unknown) => void;
  onPosted?: (alerts: number) => void;
  onFailed?: () => void;
}

function toWire(a: LiveAlert, now: number, resendIntervalMs: number) {
  return {
    labels: a.labels,
    annotations: a.annotations,
    startsAt: new Date(a.startsAt).toISOString(),
    // Active alerts carry an end a few rounds ahead: they resolve by themselves if the analyzer goes away.
    endsAt: new Date(a.endsAt ?? now + 4 * resendIntervalMs).toISOString(),
  };
}

export function createAlertmanagerPush(options: AlertmanagerPushOptions) {
  const alerts = new LiveAlerts(options.rules);
  const endpoint = `${options.url.replace(/\/+$/, '')}/api/v2/alerts`;
  let retry: LiveAlert[] = [];
  let posting: Promise<void> = Promise.resolve();
  let scheduled = false;
  let timer: NodeJS.Timeout | undefined;

  async function post(): Promise<void> {
    const now = options.now();
    const resolved = [...retry, ...alerts.takeResolved()];
    retry = [];
    const body = [...alerts.active(), ...resolved].map((a) => toWire(a, now, options.resendIntervalMs));
    if (body.length === 0) return;
    try {
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(10_000),
      });
      if (!response.ok) throw new Error(`Alertmanager answered ${response.status}: ${await response.text()}`);
      options.onPosted?.(body.length);
    } catch (error) {
      retry = resolved;
      options.onFailed?.();
      options.onError(error);
    }
  }

  function postSoon(): void {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      posting = posting.then(post);
    });
  }

  const unsubscribe = options.bus.subscribe((event) => {
    if (alerts.apply(event, options.now())) postSoon();
  });

  return {
    start(): void {
      timer = setInterval(() => {
        alerts.checkStuck(options.running(), options.now());
        postSoon();
      }, options.resendIntervalMs).unref();
    },
    async stop(): Promise<void> {
      unsubscribe();
      if (timer) clearInterval(timer);
      await posting;
    },
    active: () => alerts.active(),
  };
}
