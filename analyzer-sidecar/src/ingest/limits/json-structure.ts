/**
 * A structural pass over OTLP/JSON text before `JSON.parse`: counts the values
 * the parse would allocate and how deep it would nest, in one scan of the bytes
 * and without allocating, so a body of 20 million `{}` or 5,000 nested arrays is
 * refused before it becomes an object graph (RFC 8259 tokens).
 */
import { DecodeLimitError, type DecodeLimits } from './decode-limits';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;

/** The JSON nesting an OTLP export needs around its AnyValues: envelope, span, event, attribute. */
const ENVELOPE_DEPTH = 14;
/** JSON levels per AnyValue level (`value` → `kvlistValue` → `values` → entry). */
const LEVELS_PER_ANY_VALUE = 4;

export function maxJsonDepth(limits: DecodeLimits): number {
  return ENVELOPE_DEPTH + LEVELS_PER_ANY_VALUE * limits.maxNestingDepth;
}

/** Throws DecodeLimitError when `body` holds more values or deeper nesting than `limits` allow. */
export function checkJsonStructure(body: Uint8Array, limits: DecodeLimits): void {
  const maxDepth = maxJsonDepth(limits);
  const maxValues = limits.maxDecodedObjects;
  let values = 0;
  let depth = 0;
  let inString = false;
  let inToken = false;
  for (let i = 0; i < body.length; i++) {
    const byte = body[i] as number;
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
      continue;
    }
    const tokenByte = isTokenByte(byte);
    let opensValue = false;
    if (byte === QUOTE) {
      inString = true;
      opensValue = true;
    } else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
      if (++depth > maxDepth) throw tooDeep(maxDepth, i);
      opensValue = true;
    } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) depth--;
    else if (tokenByte && !inToken) opensValue = true;
    inToken = tokenByte;
    if (opensValue && ++values > maxValues) throw tooMany(maxValues, i);
  }
}

/** Bytes of numbers and of `true`, `false`, `null`. */
function isTokenByte(byte: number): boolean {
  return (
    (byte >= 0x30 && byte <= 0x39) || // 0-9
    (byte >= 0x61 && byte <= 0x7a) || // a-z
    byte === 0x2d || // -
    byte === 0x2b || // +
    byte === 0x2e || // .
    byte === 0x45 // E
  );
}

function tooDeep(maxDepth: number, offset: number): DecodeLimitError {
  return new DecodeLimitError(
    'too_deep',
    'body',
    `JSON nested deeper than ${maxDepth} levels at byte ${offset} (maxNestingDepth)`,
  );
}

function tooMany(maxValues: number, offset: number): DecodeLimitError {
  return new DecodeLimitError(
    'objects',
    'body',
    `more than ${maxValues} JSON values by byte ${offset} (maxDecodedObjects)`,
  );
}
