/**
 * Shared readers for the OTLP/JSON encoding (https://opentelemetry.io/docs/specs/otlp/#json-protobuf-encoding):
 * lowerCamelCase keys, hex ids, 64-bit integers as strings or numbers. Any
 * value of the wrong type makes the whole body malformed (400).
 */
import { toAttributeValue, type KeyValueMap, type NestedValue } from './attribute-value';
import { DecodeBudget } from './limits/decode-budget';
import type { DecodeLimits } from './limits/decode-limits';
import { checkJsonStructure } from './limits/json-structure';
import { MalformedOtlpError, newAttributes, type Attributes } from './otlp-types';

export type JsonObject = Record<string, unknown>;

/** Parses the body once its structure is known to be within `limits` (see json-structure). */
export function parseJsonBody(body: Buffer, limits: DecodeLimits): JsonObject {
  checkJsonStructure(body, limits);
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw new MalformedOtlpError('body is not valid JSON');
  }
  return asObject(parsed, 'body');
}

export function asObject(value: unknown, path: string): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new MalformedOtlpError(`${path} must be an object`);
  }
  return value as JsonObject;
}

/** An optional array field (absent or null reads as empty). */
export function arrayField(object: JsonObject, key: string, path: string): unknown[] {
  const value = ownField(object, key);
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new MalformedOtlpError(`${path}.${key} must be an array`);
  return value;
}

export function stringField(object: JsonObject, key: string, path: string): string {
  const value = ownField(object, key);
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw new MalformedOtlpError(`${path}.${key} must be a string`);
  return value;
}

/** An enum or small integer field. */
export function integerField(object: JsonObject, key: string, path: string): number {
  const value = ownField(object, key);
  if (value === undefined || value === null) return 0;
  const number = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number)) {
    throw new MalformedOtlpError(`${path}.${key} must be an integer`);
  }
  return number;
}

/** A fixed64 nanosecond timestamp as [high, low] halves. */
export function nanosField(object: JsonObject, key: string, path: string): [number, number] {
  const value = ownField(object, key);
  if (value === undefined || value === null) return [0, 0];
  let nanos: bigint;
  try {
    if (typeof value === 'string' && /^\d{1,20}$/.test(value)) nanos = BigInt(value);
    else if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) nanos = BigInt(value);
    else throw new Error();
  } catch {
    throw new MalformedOtlpError(`${path}.${key} must be an unsigned 64-bit integer`);
  }
  if (nanos >= 1n << 64n) throw new MalformedOtlpError(`${path}.${key} must be an unsigned 64-bit integer`);
  return [Number(nanos >> 32n), Number(nanos & 0xffffffffn)];
}

export function hexField(object: JsonObject, key: string, path: string): string {
  const value = stringField(object, key, path);
  if (!/^[0-9a-fA-F]*$/.test(value)) throw new MalformedOtlpError(`${path}.${key} must be hex`);
  return value.toLowerCase();
}

/** A string within the budget's `maxAttributeValueBytes`. */
export function boundedStringField(
  object: JsonObject,
  key: string,
  path: string,
  budget: DecodeBudget,
): string {
  const value = stringField(object, key, path);
  budget.valueSize(value.length, `${path}.${key}`);
  return value;
}

export function attributesField(
  object: JsonObject,
  key: string,
  path: string,
  budget: DecodeBudget,
): Attributes {
  const attributes = newAttributes();
  const entries = arrayField(object, key, path);
  budget.attributes(entries.length, `${path}.${key}`);
  entries.forEach((entry, index) => {
    const entryPath = `${path}.${key}[${index}]`;
    const [name, value] = readKeyValue(entry, entryPath, budget, 0);
    attributes[name] = toAttributeValue(value, budget, `${entryPath}.value`);
  });
  return attributes;
}

function readKeyValue(
  raw: unknown,
  path: string,
  budget: DecodeBudget,
  depth: number,
): [string, NestedValue] {
  const keyValue = asObject(raw, path);
  const name = boundedStringField(keyValue, 'key', path, budget);
  const value = ownField(keyValue, 'value');
  return [
    name,
    value === undefined || value === null ? null : readAnyValue(value, `${path}.value`, budget, depth),
  ];
}

function readAnyValue(raw: unknown, path: string, budget: DecodeBudget, depth: number): NestedValue {
  budget.depth(depth, path);
  const value = asObject(raw, path);
  if (hasOwn(value, 'stringValue')) return boundedStringField(value, 'stringValue', path, budget);
  if (hasOwn(value, 'boolValue')) {
    if (typeof value.boolValue !== 'boolean')
      throw new MalformedOtlpError(`${path}.boolValue must be a boolean`);
    return value.boolValue;
  }
  if (hasOwn(value, 'intValue')) return integerField(value, 'intValue', path);
  if (hasOwn(value, 'doubleValue')) {
    const number = value.doubleValue;
    if (typeof number === 'number') return number;
    if (number === 'NaN' || number === 'Infinity' || number === '-Infinity') return Number(number);
    throw new MalformedOtlpError(`${path}.doubleValue must be a number`);
  }
  if (hasOwn(value, 'arrayValue')) {
    const array = asObject(value.arrayValue, `${path}.arrayValue`);
    const items = arrayField(array, 'values', `${path}.arrayValue`);
    budget.attributes(items.length, `${path}.arrayValue.values`);
    return items.map((item, i) => readAnyValue(item, `${path}.arrayValue.values[${i}]`, budget, depth + 1));
  }
  if (hasOwn(value, 'kvlistValue'))
    return readKeyValueList(value.kvlistValue, `${path}.kvlistValue`, budget, depth + 1);
  if (hasOwn(value, 'bytesValue')) return boundedStringField(value, 'bytesValue', path, budget);
  return null;
}

function readKeyValueList(raw: unknown, path: string, budget: DecodeBudget, depth: number): KeyValueMap {
  budget.depth(depth, path);
  const entries = arrayField(asObject(raw, path), 'values', path);
  budget.attributes(entries.length, `${path}.values`);
  const map: KeyValueMap = Object.create(null) as KeyValueMap;
  entries.forEach((entry, i) => {
    const [name, value] = readKeyValue(entry, `${path}.values[${i}]`, budget, depth);
    map[name] = value;
  });
  return map;
}

function hasOwn(object: JsonObject, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}

/** Only own properties: a `__proto__` or `constructor` key in the body never reaches a prototype. */
export function ownField(object: JsonObject, key: string): unknown {
  return hasOwn(object, key) ? object[key] : undefined;
}

/** Where a signal's items sit in an OTLP/JSON export: `resourceSpans[].scopeSpans[].spans[]` and alike. */
export interface EnvelopeKeys {
  readonly resource: string;
  readonly scope: string;
  readonly item: string;
}

/**
 * Walks the resource → scope → item envelope shared by every OTLP/JSON export,
 * reading each item with `readItem` and naming its path in errors.
 */
export function readEnvelopes<T>(
  body: Buffer,
  keys: EnvelopeKeys,
  limits: DecodeLimits,
  readItem: (item: JsonObject, path: string, budget: DecodeBudget) => T,
): Array<{ resource: Attributes; items: T[] }> {
  const root = parseJsonBody(body, limits);
  const budget = new DecodeBudget(limits);
  return arrayField(root, keys.resource, 'body').map((raw, i) => {
    const path = `${keys.resource}[${i}]`;
    const envelope = asObject(raw, path);
    const resourceRaw = ownField(envelope, 'resource');
    const resource =
      resourceRaw === undefined || resourceRaw === null
        ? newAttributes()
        : attributesField(
            asObject(resourceRaw, `${path}.resource`),
            'attributes',
            `${path}.resource`,
            budget,
          );
    const items: T[] = [];
    arrayField(envelope, keys.scope, path).forEach((scopeRaw, j) => {
      const scopePath = `${path}.${keys.scope}[${j}]`;
      arrayField(asObject(scopeRaw, scopePath), keys.item, scopePath).forEach((itemRaw, k) => {
        const itemPath = `${scopePath}.${keys.item}[${k}]`;
        items.push(readItem(asObject(itemRaw, itemPath), itemPath, budget));
      });
    });
    return { resource, items };
  });
}
