/** `GET /cluster`: the analyzers sharing this backend, and the workflows this one judges. */
import type { FastifyInstance } from 'fastify';
import type { ClusterCoordinator } from '../cluster/cluster-coordinator';

const VIEW = {
  type: 'object',
  required: ['instance_id', 'members', 'owned_workflows'],
  properties: {
    instance_id: { type: 'string', description: 'This analyzer (RPA_ANALYZER_INSTANCE_ID)' },
    members: { type: 'array', items: { type: 'string' }, description: 'Analyzers with a fresh heartbeat' },
    owned_workflows: {
      type: 'array',
      items: { type: 'string' },
      description: 'Workflows whose live detection runs on this analyzer',
    },
  },
} as const;

export async function clusterRoutes(app: FastifyInstance, options: { cluster: ClusterCoordinator }) {
  app.get(
    '/cluster',
    {
      config: { access: 'viewer' },
      schema: {
        summary: 'Analyzers sharing this ClickHouse, and the workflows this one judges',
        tags: ['cluster'],
        response: { 200: VIEW },
      },
    },
    async () => options.cluster.view(),
  );
}
