/**
 * Deterministic mutations of OTLP bodies for fuzzing: byte flips, truncation,
 * inserted and duplicated ranges, corrupted lengths, wrapping in extra nesting,
 * gzip. One seed, one body, so a failing case can be replayed.
 */
import { gzipSync } from 'node:zlib';
import type { HostileBody } from './hostile-otlp';

/** A small seeded PRNG (mulberry32). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Mutation = (body: Buffer, random: () => number) => Buffer;

const pick = (random: () => number, n: number): number => Math.floor(random() * n);

const MUTATIONS: readonly Mutation[] = [
  // flip a few bytes
  (body, random) => {
    const out = Buffer.from(body);
    for (let i = 0, n = 1 + pick(random, 8); i < n && out.length > 0; i++)
      out[pick(random, out.length)] = pick(random, 256);
    return out;
  },
  // truncate
  (body, random) => body.subarray(0, pick(random, body.length + 1)),
  // insert random bytes
  (body, random) => {
    const at = pick(random, body.length + 1);
    const noise = Buffer.from(Array.from({ length: 1 + pick(random, 16) }, () => pick(random, 256)));
    return Buffer.concat([body.subarray(0, at), noise, body.subarray(at)]);
  },
  // duplicate a range many times (repeated fields, long lists)
  (body, random) => {
    const start = pick(random, body.length + 1);
    const end = Math.min(body.length, start + 1 + pick(random, 64));
    const times = 1 + pick(random, 2000);
    const range = body.subarray(start, end);
    return Buffer.concat([
      body.subarray(0, end),
      Buffer.concat(Array(times).fill(range)),
      body.subarray(end),
    ]);
  },
  // delete a range
  (body, random) => {
    const start = pick(random, body.length + 1);
    const end = Math.min(body.length, start + pick(random, 64));
    return Buffer.concat([body.subarray(0, start), body.subarray(end)]);
  },
  // a huge varint or an interesting byte where a length might be
  (body, random) => {
    const at = pick(random, body.length + 1);
    const special = [
      [0xff, 0xff, 0xff, 0xff, 0x0f],
      [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01],
      [0x0a, 0x00],
      [0x5b],
      [0x7b],
      [0x22],
      [0x5c],
    ][pick(random, 7)] as number[];
    return Buffer.concat([body.subarray(0, at), Buffer.from(special), body.subarray(at)]);
  },
  // wrap in nesting: protobuf field 1 (length-delimited) or a JSON array
  (body, random) => {
    const depth = 1 + pick(random, 64);
    if (body[0] === 0x7b)
      return Buffer.from(`${'['.repeat(depth)}${body.toString('latin1')}${']'.repeat(depth)}`, 'latin1');
    let out = body;
    for (let i = 0; i < depth; i++) out = Buffer.concat([Buffer.from([0x0a]), varint(out.length), out]);
    return out;
  },
];

/** The `seed`-th mutation of one of `seeds`, gzipped one time in four. */
export function mutateBody(seeds: readonly HostileBody[], seed: number): HostileBody {
  const random = seededRandom(seed);
  const base = seeds[pick(random, seeds.length)] as HostileBody;
  let body = base.gzip ? base.body : Buffer.from(base.body);
  const rounds = 1 + pick(random, 3);
  for (let i = 0; i < rounds; i++)
    body = (MUTATIONS[pick(random, MUTATIONS.length)] as Mutation)(body, random);
  const gzip = !base.gzip && random() < 0.25;
  return {
    name: `${base.name} mutated (seed ${seed})`,
    contentType: base.contentType,
    gzip: base.gzip || gzip,
    body: gzip ? gzipSync(body) : body,
  };
}

function varint(value: number): Buffer {
  const bytes: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    bytes.push((rest % 128) | 0x80);
    rest = Math.floor(rest / 128);
  }
  bytes.push(rest);
  return Buffer.from(bytes);
}
