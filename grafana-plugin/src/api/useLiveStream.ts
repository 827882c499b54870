import { useEffect } from 'react';

import type { LiveEvent, LiveEventType } from './types';

const TYPES: LiveEventType[] = [
  'execution.started',
  'execution.progress',
  'execution.ended',
  'anomaly.opened',
  'anomaly.resolved',
  'incident.opened',
  'incident.resolved',
];

/**
 * Subscribes to the analyzer's event stream (Server-Sent Events) while mounted.
 * The browser reconnects by itself and sends Last-Event-ID, so nothing is missed.
 */
export function useLiveStream(url: string | null, onEvent: (event: LiveEvent) => void): void {
  useEffect(() => {
    if (url === null || typeof EventSource === 'undefined') {
      return undefined;
    }
    const source = new EventSource(url, { withCredentials: true });
    const listener = (message: MessageEvent<string>) => {
      try {
        onEvent({ type: message.type, id: Number(message.lastEventId), data: JSON.parse(message.data) } as LiveEvent);
      } catch {
        // a malformed event is skipped; the next ones still count
      }
    };
    for (const type of TYPES) {
      source.addEventListener(type, listener as EventListener);
    }
    return () => source.close();
  }, [url, onEvent]);
}
