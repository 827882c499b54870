import fc from 'fast-check';
import { DEFAULT_DECODE_LIMITS, DecodeLimitError } from './decode-limits';
import { checkJsonStructure, maxJsonDepth } from './json-structure';

/** What JSON.parse allocates, counted the way checkJsonStructure counts: every value, keys included. */
function countValues(value: unknown): number {
  if (Array.isArray(value)) return 1 + value.reduce((sum: number, item) => sum + countValues(item), 0);
  if (typeof value === 'object' && value !== null)
    return 1 + Object.entries(value).reduce((sum, [, item]) => sum + 1 + countValues(item), 0);
  return 1;
}

function depthOf(value: unknown): number {
  if (Array.isArray(value)) return 1 + Math.max(0, ...value.map(depthOf));
  if (typeof value === 'object' && value !== null)
    return 1 + Math.max(0, ...Object.values(value).map(depthOf));
  return 0;
}

const limits = (maxDecodedObjects: number, maxNestingDepth = 8) => ({
  ...DEFAULT_DECODE_LIMITS,
  maxDecodedObjects,
  maxNestingDepth,
});

describe('checkJsonStructure', () => {
  test.each([
    ['{}', 1],
    ['[1,2,3]', 4],
    ['{"a":"b"}', 3],
    ['{"a":[true,false,null,-1.5e+10]}', 7],
    ['"a\\"[{"', 1],
    ['["\\\\",{}]', 3],
    [' [ 1 , "x" ] ', 3],
  ])('counts %s as %i values', (text, count) => {
    expect(() => checkJsonStructure(Buffer.from(text), limits(count))).not.toThrow();
    expect(() => checkJsonStructure(Buffer.from(text), limits(count - 1))).toThrow(DecodeLimitError);
  });

  it('counts exactly the values JSON.parse would build, and the depth it would nest to', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), fc.boolean(), (value, pretty) => {
        const text = Buffer.from(JSON.stringify(value, null, pretty ? 2 : undefined));
        const count = countValues(value);
        checkJsonStructure(text, limits(count));
        expect(() => checkJsonStructure(text, limits(count - 1))).toThrow(/maxDecodedObjects/);
        expect(depthOf(value)).toBeLessThanOrEqual(maxJsonDepth(DEFAULT_DECODE_LIMITS));
      }),
    );
  });

  it('refuses nesting past the depth an OTLP body needs, before parsing', () => {
    const depth = maxJsonDepth(DEFAULT_DECODE_LIMITS);
    const nested = (n: number) => Buffer.from(`${'['.repeat(n)}${']'.repeat(n)}`);
    expect(() => checkJsonStructure(nested(depth), DEFAULT_DECODE_LIMITS)).not.toThrow();
    expect(() => checkJsonStructure(nested(depth + 1), DEFAULT_DECODE_LIMITS)).toThrow(/nested deeper/);
    const error = (() => {
      try {
        checkJsonStructure(nested(100_000), DEFAULT_DECODE_LIMITS);
      } catch (e) {
        return e as DecodeLimitError;
      }
      return undefined;
    })();
    expect(error?.httpStatus).toBe(400);
  });
});
