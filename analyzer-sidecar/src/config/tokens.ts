/** API roles, weakest first: each role may do what the ones before it may. */
export const ROLES = ['viewer', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface RoleToken {
  readonly role: Role;
  readonly token: string;
}

export type ParsedTokens = { ok: true; tokens: RoleToken[] } | { ok: false; error: string };

/** Parses `viewer:<t1>,editor:<t2>,admin:<t3>` (several tokens per role allowed). */
export function parseTokens(raw: string): ParsedTokens {
  const tokens: RoleToken[] = [];
  for (const part of raw.split(',')) {
    const entry = part.trim();
    if (entry === '') continue;
    const colon = entry.indexOf(':');
    const role = entry.slice(0, colon);
    const token = entry.slice(colon + 1);
    if (colon <= 0 || !(ROLES as readonly string[]).includes(role)) {
      return {
        ok: false,
        error: `"${entry.slice(0, Math.max(colon, 0))}" is not a role (${ROLES.join(', ')})`,
      };
    }
    if (token.length < 8) return { ok: false, error: `the ${role} token must have at least 8 characters` };
    tokens.push({ role: role as Role, token });
  }
  return { ok: true, tokens };
}

/** Whether `held` may do what `required` allows. */
export function roleAllows(held: Role, required: Role): boolean {
  return ROLES.indexOf(held) >= ROLES.indexOf(required);
}
