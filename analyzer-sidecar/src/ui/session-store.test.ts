import { SessionStore } from './session-store';

describe('SessionStore', () => {
  it('keeps a session until its time runs out, then forgets it', () => {
    let now = 1_000;
    const store = new SessionStore(500, () => now);
    const session = store.create('viewer');
    expect(store.get(session.id)).toEqual(session);
    now = 1_499;
    expect(store.get(session.id)?.role).toBe('viewer');
    now = 1_500;
    expect(store.get(session.id)).toBeUndefined();
    expect(store.size).toBe(0);
  });

  it('drops expired sessions when a new one opens, and deletes on logout', () => {
    let now = 0;
    const store = new SessionStore(10, () => now);
    const first = store.create('editor');
    now = 20;
    const second = store.create('admin');
    expect(store.size).toBe(1);
    store.delete(second.id);
    expect(store.get(second.id)).toBeUndefined();
    expect(store.get(first.id)).toBeUndefined();
    expect(store.get(undefined)).toBeUndefined();
  });

  it('gives every session a distinct unguessable id', () => {
    const store = new SessionStore(1000);
    const ids = new Set(Array.from({ length: 100 }, () => store.create('viewer').id));
    expect(ids.size).toBe(100);
  });
});

describe('SessionStore bounds', () => {
  it('keeps at most maxSessions, dropping the oldest', () => {
    let now = 0;
    const store = new SessionStore(1000, () => now, 3);
    const sessions = Array.from({ length: 5 }, () => {
      now++;
      return store.create('viewer');
    });
    expect(store.size).toBe(3);
    expect(store.get(sessions[0]?.id)).toBeUndefined();
    expect(store.get(sessions[1]?.id)).toBeUndefined();
    expect(store.get(sessions[4]?.id)?.role).toBe('viewer');
  });

  it('drops the expired sessions, oldest first, at the next sign-in', () => {
    let now = 0;
    const store = new SessionStore(100, () => now, 10_000);
    for (let i = 0; i < 50; i++) store.create('viewer');
    now = 50;
    for (let i = 0; i < 50; i++) store.create('editor');
    now = 100;
    const live = store.create('admin');
    expect(store.size).toBe(51);
    expect(store.get(live.id)?.role).toBe('admin');
  });
});
