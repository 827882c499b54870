/**
 * Share links over a real app: created by editors, listed for their owner,
 * served publicly while active, 404 alike when unknown, expired (the injected
 * clock moves) or revoked, and a token only ever serves the report it names.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import type { DuckDbStore } from '../store/duckdb/duckdb-store';
import { manualClock, recordingRenderer } from '../test-support/report-fakes';
import { bearer, startTestApp, TOKENS, type TestApp } from '../test-support/test-app';

const EDITOR2 = 'editor-token-2';
const editor2 = { authorization: `Bearer ${EDITOR2}` };
const DAY = 86_400_000;
const T0 = Date.parse('2026-12-01T12:00:00Z');
const target = {
  template: 'workflow',
  format: 'pdf',
  from: '2026-11-24T00:00:00.000Z',
  to: '2026-12-01T00:00:00.000Z',
  workflow_id: 'wf-invoice',
  view: 'workflow/wf-invoice',
};

describe('share links', () => {
  const clock = manualClock(T0);
  const renderer = recordingRenderer();
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(
      {
        tokens: [
          { role: 'viewer', token: TOKENS.viewer },
          { role: 'editor', token: TOKENS.editor },
          { role: 'editor', token: EDITOR2 },
          { role: 'admin', token: TOKENS.admin },
        ],
        authFailures: { max: 1000, windowMs: 60_000 },
      },
      { render: renderer.render, now: clock.now, sharedFetchesPerMinute: 60 },
    );
  });
  afterAll(() => t.close());

  const createLink = (body: object, headers = bearer('editor')) =>
    t.app.inject({ method: 'POST', url: '/share-links', headers, payload: body });
  const fetchShared = (url: string) => t.app.inject({ url });

  it('lives: created, fetched, listed, expired by the clock', async () => {
    clock.set(T0);
    const created = await createLink({ target });
    expect(created.statusCode).toBe(201);
    const link = created.json();
    expect(link.token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 bits
    expect(link.url).toBe(`/shared/${link.token}`);
    expect(link.expires_at).toBe(new Date(T0 + 7 * DAY).toISOString());
    expect(link.target).toEqual(target);

    const served = await fetchShared(link.url);
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('application/pdf');
    expect(served.headers['cache-control']).toBe('private, no-store');
    expect(served.rawPayload.subarray(0, 8).toString()).toBe('%PDF-1.4');
    expect(renderer.requests.at(-1)).toEqual({
      template: 'workflow',
      format: 'pdf',
      from: Date.parse(target.from),
      to: Date.parse(target.to),
      workflow_id: 'wf-invoice',
    });

    const listed = (await t.app.inject({ url: '/share-links', headers: bearer('editor') })).json().items;
    const mine = listed.find((l: { link_id: string }) => l.link_id === link.link_id);
    expect(mine).toMatchObject({ state: 'active', target });
    expect(mine.token).toBeUndefined();
    expect(JSON.stringify(listed)).not.toContain(link.token);

    clock.set(T0 + 7 * DAY - 1);
    expect((await fetchShared(link.url)).statusCode).toBe(200);
    clock.set(T0 + 7 * DAY);
    const expired = await fetchShared(link.url);
    expect(expired.statusCode).toBe(404);
    expect(expired.json()).toEqual({ error: 'not_found', message: 'no such share link' });
    const after = (await t.app.inject({ url: '/share-links', headers: bearer('editor') })).json().items;
    expect(after.find((l: { link_id: string }) => l.link_id === link.link_id).state).toBe('expired');
  });

  it('is revocable by its owner or an admin, and answers unknown, expired and revoked alike', async () => {
    clock.set(T0);
    const a = (await createLink({ target, expires_in_days: 1 })).json();
    const b = (await createLink({ target })).json();
    expect(a.expires_at).toBe(new Date(T0 + DAY).toISOString());
    // Another editor cannot see nor revoke it.
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/share-links/${a.link_id}`, headers: editor2 }))
        .statusCode,
    ).toBe(404);
    const others = (await t.app.inject({ url: '/share-links', headers: editor2 })).json().items;
    expect(others.map((l: { link_id: string }) => l.link_id)).not.toContain(a.link_id);
    const all = (await t.app.inject({ url: '/share-links', headers: bearer('admin') })).json().items;
    expect(all.map((l: { link_id: string }) => l.link_id)).toEqual(
      expect.arrayContaining([a.link_id, b.link_id]),
    );

    const revoked = await t.app.inject({
      method: 'DELETE',
      url: `/share-links/${a.link_id}`,
      headers: bearer('editor'),
    });
    expect(revoked.json()).toMatchObject({ state: 'revoked', revoked_at: new Date(T0).toISOString() });
    await t.app.inject({ method: 'DELETE', url: `/share-links/${b.link_id}`, headers: bearer('admin') });

    clock.set(T0 + 2 * DAY);
    const c = (await createLink({ target, expires_in_days: 1 })).json();
    clock.set(T0 + 4 * DAY);
    const answers = await Promise.all(
      [a.url, b.url, c.url, `/shared/${'A'.repeat(43)}`, '/shared/short'].map(fetchShared),
    );
    for (const answer of answers) {
      expect(answer.statusCode).toBe(404);
      expect(answer.body).toBe(answers[0]!.body);
    }
  });

  it('serves only what the link names, whatever the request adds', async () => {
    clock.set(T0);
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          template: fc.constantFrom('fleet', 'workflow', 'anomalies', 'insights'),
          format: fc.constantFrom('pdf', 'html'),
          from: fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2026, 0, 1) }),
          span: fc.integer({ min: 1, max: 90 * DAY }),
          workflow_id: fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/),
        }),
        async ({ span, ...t0 }) => {
          const wanted = { ...t0, to: t0.from + span };
          const body = { target: { ...wanted, from: String(wanted.from), to: String(wanted.to) } };
          const link = (await createLink(body)).json();
          const before = renderer.requests.length;
          const served = await fetchShared(
            `${link.url}?template=fleet&from=0&to=1&workflow_id=other&format=html`,
          );
          expect(served.statusCode).toBe(200);
          expect(renderer.requests.slice(before)).toEqual([wanted]);
          expect(served.headers['content-type']).toMatch(
            wanted.format === 'pdf' ? /^application\/pdf/ : /^text\/html/,
          );
          // Stored as its SHA-256 only: the token itself is nowhere in the database's rows.
          const rows = await (t.app.analyzer.store as DuckDbStore).read((c) =>
            c.runAndReadAll('SELECT token_hash FROM share_links WHERE link_id = $1', [link.link_id]),
          );
          expect(rows.getRows()[0]![0]).toBe(createHash('sha256').update(link.token).digest('hex'));
        },
      ),
      { numRuns: 25 },
    );
  });

  it('refuses bad targets naming the field, and viewers', async () => {
    const bad = async (body: object, field: string) => {
      const response = await createLink(body);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ field });
    };
    await bad({ target: { ...target, template: 'secrets' } }, 'target.template');
    await bad({ target: { ...target, workflow_id: undefined } }, 'target.workflow_id');
    await bad({ target: { ...target, to: target.from } }, 'target.to');
    await bad({ target: { ...target, from: 'yesterday' } }, 'target.from');
    await bad({ target, expires_in_days: 91 }, 'expires_in_days');
    const viewer = await createLink({ target }, bearer('viewer'));
    expect(viewer.statusCode).toBe(403);
    expect(viewer.json()).toMatchObject({ required_role: 'editor' });
  });

  it('limits how many reports one address fetches a minute (rendering costs CPU)', async () => {
    clock.set(T0);
    const link = (await createLink({ target })).json();
    let answer = await fetchShared(link.url);
    for (let i = 0; i < 61 && answer.statusCode === 200; i++) answer = await fetchShared(link.url);
    expect(answer.statusCode).toBe(429);
    expect(answer.headers['retry-after']).toBeDefined();
    expect(answer.json()).toMatchObject({ message: expect.any(String) });
  });
});

describe('wrong share tokens', () => {
  it('count as failed authentications of the caller, like wrong bearer tokens', async () => {
    const t = await startTestApp(
      { authFailures: { max: 3, windowMs: 60_000 } },
      { render: recordingRenderer().render },
    );
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++)
        statuses.push((await t.app.inject({ url: `/shared/${String(i).repeat(43)}` })).statusCode);
      expect(statuses).toEqual([404, 404, 404, 429, 429]);
    } finally {
      await t.close();
    }
  });
});
