/** Wires the standalone UI: its sessions (which auth.ts consults) and its routes. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AnalyzerConfig } from '../config/config';
import type { Role } from '../config/tokens';
import { DEFAULT_MAX_SESSIONS, DEFAULT_UI } from '../config/ui-config';
import type { FailedAuthLimiter } from '../api/failed-auth-limiter';
import { createTokenMatcher } from '../api/token-matcher';
import { sessionIdOf } from './session-cookie';
import { SessionStore } from './session-store';
import { uiRoutes } from './ui-routes';

export interface StandaloneUi {
  /** For registerAuth: the role of the request's live session, if any. */
  sessionRole(request: FastifyRequest): Role | undefined;
  /** For registerAuth: the credential id behind the request's live session, if any. */
  sessionCredential(request: FastifyRequest): string | undefined;
  register(app: FastifyInstance, failedAuth?: FailedAuthLimiter): Promise<void>;
}

export function createStandaloneUi(config: AnalyzerConfig): StandaloneUi {
  const ui = config.ui ?? DEFAULT_UI;
  const sessions = new SessionStore(ui.sessionTtlMs, Date.now, ui.maxSessions ?? DEFAULT_MAX_SESSIONS);
  return {
    sessionRole: (request) => sessions.get(sessionIdOf(request))?.role,
    sessionCredential: (request) => sessions.get(sessionIdOf(request))?.credential,
    async register(app, failedAuth) {
      await app.register(uiRoutes, {
        failedAuth,
        ui,
        sessions,
        matchToken: createTokenMatcher(config.tokens),
        signInRequired: !(config.tokens.length === 0 && config.insecureLocal),
      });
    },
  };
}
