/**
 * Share links as plain data: a 256-bit random token (base64url) that is shown
 * once and stored only as its SHA-256, scoped to one report (its template,
 * format, range and workflow), expiring, revocable.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  REPORT_TEMPLATES,
  type ReportFormat,
  type ReportRequest,
  type ReportTemplate,
} from '../reports/report-request';

export const DEFAULT_EXPIRY_DAYS = 7;
export const MAX_EXPIRY_DAYS = 90;
const DAY_MS = 86_400_000;

export interface ShareTarget {
  readonly template: ReportTemplate;
  readonly format: ReportFormat;
  readonly from: number;
  readonly to: number;
  readonly workflow_id?: string;
  /** The app page the link was made from (kept and listed; the link serves the template's report). */
  readonly view?: string;
}

export interface ShareLink {
  readonly link_id: string;
  readonly token_hash: string;
  readonly owner: string;
  readonly target: ShareTarget;
  readonly created_at: number;
  readonly expires_at: number;
  readonly revoked_at: number | null;
}

export type LinkState = 'active' | 'expired' | 'revoked';

export function newShareToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashShareToken(token) };
}

export function hashShareToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** 43 base64url characters: what newShareToken makes (anything else is looked up by no one). */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function linkState(link: ShareLink, now: number): LinkState {
  if (link.revoked_at !== null) return 'revoked';
  return now >= link.expires_at ? 'expired' : 'active';
}

export function expiresAt(createdAt: number, days: number = DEFAULT_EXPIRY_DAYS): number {
  return createdAt + days * DAY_MS;
}

export type TargetCheck = { ok: true } | { ok: false; field: string; error: string };

export function checkShareTarget(target: ShareTarget): TargetCheck {
  if (!(REPORT_TEMPLATES as readonly string[]).includes(target.template))
    return { ok: false, field: 'target.template', error: `unknown template "${target.template}"` };
  if (target.template === 'workflow' && !target.workflow_id)
    return { ok: false, field: 'target.workflow_id', error: 'the workflow template needs a workflow_id' };
  if (!(target.to > target.from)) return { ok: false, field: 'target.to', error: 'to must be after from' };
  return { ok: true };
}

/** The one report a link serves; nothing of the request that fetches it enters here. */
export function reportRequestOf(target: ShareTarget): ReportRequest {
  return {
    template: target.template,
    format: target.format,
    from: target.from,
    to: target.to,
    ...(target.workflow_id !== undefined && { workflow_id: target.workflow_id }),
  };
}
