/**
 * `GET /cluster`: the analyzers sharing this backend, and the workflows this
 * one judges. An analyzer alone on its backend (DuckDB) judges every workflow.
 */
import type { FastifyInstance } from 'fastify';
import type { ClusterCoordinator } from '../cluster/cluster-coordinator';

const VIEW = {
  type: 'object',
  required: ['instance_id', 'members', 'owned_workflows'],
  properties: {
    instance_id: { type: 'string', description: 'This analyzer (RPA_ANALYZER_INSTANCE_ID)' },
    members: { type: 'array', items: { type: 'string' }, description: 'Analyzers with a fresh heartbeat' },
    owned_workflows: {
      type: ['array', 'null'],
      items: { type: 'string' },
      description: 'Workflows whose live detection runs on this analyzer; null: every workflow (no cluster)',
    },
  },
} as const;

export interface ClusterView {
  instance_id: string;
  members: string[];
  owned_workflows: string[] | null;
}

export async function clusterRoutes(
  app: FastifyInstance,
  options: { cluster: ClusterCoordinator | undefined; instanceId: string },
) {
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
    async (): Promise<ClusterView> =>
      options.cluster?.view() ?? {
        instance_id: options.instanceId,
        members: [options.instanceId],
        owned_workflows: null,
      },
  );
}
