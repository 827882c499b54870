/**
 * OTLP/HTTP receiver: `POST /v1/traces` and `/v1/metrics`. The body stays a
 * raw stream here so the ingestor can bound it (and its decompression) itself.
 */
import type { FastifyInstance } from 'fastify';
import type { Readable } from 'node:stream';
import { ANALYZER } from '@rpa-analytics/conventions';
import type { OtlpIngestor } from '../ingest/otlp-ingestor';
import type { OtlpSignal } from '../ingest/otlp-response';

const binary = { type: 'string', format: 'binary' } as const;

export async function otlpRoutes(app: FastifyInstance, options: { ingestor: OtlpIngestor }): Promise<void> {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
  const routes: [string, OtlpSignal][] = [
    [ANALYZER.tracesPath, 'traces'],
    [ANALYZER.metricsPath, 'metrics'],
  ];
  for (const [path, signal] of routes) {
    app.post(
      path,
      {
        config: { access: 'ingest' },
        schema: {
          summary: `OTLP/HTTP ${signal} export (protobuf or JSON, optionally gzip)`,
          tags: ['otlp'],
          consumes: ['application/x-protobuf', 'application/json'],
          produces: ['application/x-protobuf', 'application/json'],
          response: {
            200: {
              description: `Export${signal === 'traces' ? 'Trace' : 'Metrics'}ServiceResponse; a 2xx means durable`,
              ...binary,
            },
            400: {
              description:
                'Malformed request, or AnyValues nested past maxNestingDepth (google.rpc.Status naming the field)',
              ...binary,
            },
            413: {
              description:
                'Body or decompressed body too large, or over a decode limit (maxDecodedObjects, maxSpans, ' +
                'maxAttributes, maxAttributeValueBytes); the google.rpc.Status names the field and the limit',
              ...binary,
            },
            415: { description: 'Unsupported Content-Type or Content-Encoding', ...binary },
            429: {
              description:
                'Shedding load (commits would wait longer than maxQueueDelayMs, the event loop lags, the write ' +
                'backlog or the bytes in flight are full); see Retry-After',
              ...binary,
            },
            503: {
              description:
                'Not committed within answerDeadlineMs (a retry is stored once), or the store cannot write; see Retry-After',
              ...binary,
            },
          },
        },
      },
      async (request, reply) => {
        const answer = await options.ingestor.handle({
          signal,
          contentType: request.headers['content-type'],
          contentEncoding: request.headers['content-encoding'],
          body: request.body as Readable | undefined,
        });
        if (answer.retryAfterSeconds !== undefined)
          void reply.header('retry-after', String(answer.retryAfterSeconds));
        return reply
          .status(answer.status as 200)
          .type(answer.contentType)
          .send(answer.body);
      },
    );
  }
}
