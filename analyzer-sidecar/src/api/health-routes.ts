/** `/health` and `/metrics`, open to every caller (probes and Prometheus). */
import type { FastifyInstance } from 'fastify';
import type { AnalyzerMetrics } from '../telemetry/analyzer-metrics';

export async function healthRoutes(
  app: FastifyInstance,
  options: { metrics: AnalyzerMetrics },
): Promise<void> {
  app.get(
    '/health',
    {
      config: { access: 'open' },
      schema: {
        summary: 'Liveness',
        tags: ['health'],
        response: { 200: { type: 'object', properties: { status: { type: 'string' } } } },
      },
    },
    async () => ({ status: 'ok' }),
  );
  app.get(
    '/metrics',
    {
      config: { access: 'open' },
      schema: { summary: 'Prometheus metrics of the analyzer (rpa_analyzer_*)', tags: ['health'] },
    },
    async (_request, reply) => {
      const text = await options.metrics.registry.metrics();
      return reply.type(options.metrics.registry.contentType).send(text);
    },
  );
}
