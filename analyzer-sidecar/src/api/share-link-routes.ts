/**
 * Share links for editors (create, list own; admins all; revoke), and the
 * public `/shared/:token`, which serves the one report its link names and
 * nothing else: no query parameter of the request reaches the renderer.
 */
import type { FastifyInstance } from 'fastify';
import type { ReportFormat, ReportTemplate, RenderReport } from '../reports/report-request';
import { reportRequestOf, type ShareTarget } from '../sharing/share-link';
import type { ShareLinkService } from '../sharing/share-link-service';
import { BadRequestError } from './errors';
import type { FailedAuthLimiter } from './failed-auth-limiter';
import { presentShareLink } from './present-schedules';
import { requirePrincipal } from './principal';
import { parseTime } from './query-params';
import * as S from './schemas/share-link-schemas';

interface CreateBody {
  target: {
    template: ReportTemplate;
    format: ReportFormat;
    from: string;
    to: string;
    workflow_id?: string;
    view?: string;
  };
  expires_in_days: number;
}

export interface ShareLinkRouteOptions {
  links: ShareLinkService;
  render: RenderReport;
  failedAuth?: FailedAuthLimiter;
  /** Reports one address may fetch through links per minute (rendering costs CPU). */
  fetchesPerMinute?: number;
}

/** One answer for unknown, expired and revoked links: nothing tells them apart. */
const GONE = { error: 'not_found', message: 'no such share link' };

export async function shareLinkRoutes(app: FastifyInstance, options: ShareLinkRouteOptions) {
  const { links } = options;
  app.post<{ Body: CreateBody }>(
    '/share-links',
    { config: { access: 'editor' }, schema: S.createShareLinkRouteSchema },
    async (request, reply) => {
      const { target, expires_in_days } = request.body;
      const from = parseTime('target.from', target.from)!;
      const to = parseTime('target.to', target.to)!;
      if (!(to > from)) throw new BadRequestError('target.to', 'target.to must be after target.from');
      const scoped: ShareTarget = { ...target, from, to };
      const { link, token } = await links.create(requirePrincipal(request), scoped, expires_in_days);
      const url = `/shared/${token}`;
      return reply.status(201).send({ ...presentShareLink(link, 'active'), token, url });
    },
  );
  app.get(
    '/share-links',
    { config: { access: 'editor' }, schema: S.listShareLinksRouteSchema },
    async (request) => ({
      items: (await links.list(requirePrincipal(request))).map((l) => presentShareLink(l, links.state(l))),
    }),
  );
  app.delete<{ Params: { link_id: string } }>(
    '/share-links/:link_id',
    { config: { access: 'editor' }, schema: S.revokeShareLinkRouteSchema },
    async (request) => {
      const link = await links.revoke(requirePrincipal(request), request.params.link_id);
      return presentShareLink(link, links.state(link));
    },
  );
  app.get<{ Params: { token: string } }>(
    '/shared/:token',
    {
      config: {
        access: 'open',
        rateLimit: { max: options.fetchesPerMinute ?? 30, timeWindow: 60_000, keyGenerator: (r) => r.ip },
      },
      schema: S.sharedReportRouteSchema,
    },
    async (request, reply) => {
      await options.failedAuth?.check(request);
      const link = await links.resolve(request.params.token);
      if (link === undefined) {
        await options.failedAuth?.fail(request);
        return reply.status(404).type('application/json').send(GONE);
      }
      const report = await options.render(reportRequestOf(link.target));
      return reply
        .header('content-type', report.contentType)
        .header('content-disposition', `inline; filename="${report.filename.replace(/[^\w.-]/g, '_')}"`)
        .header('cache-control', 'private, no-store')
        .header('referrer-policy', 'no-referrer')
        .header('x-robots-tag', 'noindex, nofollow')
        .send(report.body);
    },
  );
}
