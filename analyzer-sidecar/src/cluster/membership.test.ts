import fc from 'fast-check';
import { liveMembers, ownerOf } from './membership';

const ids = fc.uniqueArray(fc.string({ minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 6 });
const keys = fc.uniqueArray(fc.string({ maxLength: 16 }), { minLength: 1, maxLength: 60 });

describe('rendezvous ownership', () => {
  it('gives every key exactly one owner among the members, whatever their order', () => {
    fc.assert(
      fc.property(ids, keys, (members, workflows) => {
        const reversed = [...members].reverse();
        for (const w of workflows) {
          const owner = ownerOf(w, members);
          expect(members).toContain(owner);
          expect(ownerOf(w, reversed)).toBe(owner);
        }
      }),
    );
  });

  it('moves only the keys of a member that leaves, and only keys won by one that joins', () => {
    fc.assert(
      fc.property(ids, keys, fc.string({ minLength: 1, maxLength: 12 }), (members, workflows, joiner) => {
        fc.pre(!members.includes(joiner));
        const [leaver] = members;
        const rest = members.slice(1);
        const grown = [...members, joiner];
        for (const w of workflows) {
          const before = ownerOf(w, members);
          if (rest.length > 0 && before !== leaver) expect(ownerOf(w, rest)).toBe(before);
          const after = ownerOf(w, grown);
          expect(after === before || after === joiner).toBe(true);
        }
      }),
    );
  });

  it('spreads keys over the members', () => {
    const members = ['analyzer-a', 'analyzer-b'];
    const owners = Array.from({ length: 1000 }, (_, i) => ownerOf(`workflow-${i}`, members));
    const share = owners.filter((o) => o === 'analyzer-a').length / owners.length;
    expect(share).toBeGreaterThan(0.4);
    expect(share).toBeLessThan(0.6);
  });

  it('has no owner without members', () => {
    expect(ownerOf('w', [])).toBeUndefined();
  });
});

describe('liveMembers', () => {
  it('keeps instances whose heartbeat is younger than the TTL, sorted, once each', () => {
    const now = 100_000;
    const members = liveMembers(
      [
        { instance_id: 'b', seen_ms: now - 1000 },
        { instance_id: 'a', seen_ms: now - 7999 },
        { instance_id: 'c', seen_ms: now - 8000 },
        { instance_id: 'b', seen_ms: now - 500 },
      ],
      now,
      8000,
    );
    expect(members).toEqual(['a', 'b']);
  });
});
