/**
 * KeyValue / AnyValue decoding (opentelemetry-proto `common/v1/common.proto`),
 * within the reader's DecodeBudget: entries per list, value sizes, nesting depth.
 */
import { toAttributeValue, type KeyValueMap, type NestedValue } from './attribute-value';
import { ProtoReader, WIRE } from './proto-reader';
import { newAttributes, type Attributes } from './otlp-types';

/**
 * Decodes the repeated KeyValue field read by `next` into `into`, `count` being
 * how many the list held before this one (the last value of a repeated key wins).
 * Returns the new count.
 */
export function readKeyValue(reader: ProtoReader, into: Attributes, count: number, field: string): number {
  reader.budget.attributes(count + 1, field);
  let key = '';
  let value: NestedValue = null;
  while (!reader.done()) {
    const tag = reader.uint();
    const wire = tag & 7;
    if (tag >>> 3 === 1 && wire === WIRE.len) key = reader.boundedString('KeyValue.key');
    else if (tag >>> 3 === 2 && wire === WIRE.len) value = readAnyValue(reader.message(field), 0, field);
    else reader.skip(wire);
  }
  into[key] =
    typeof value === 'object' && value !== null
      ? toAttributeValue(value, reader.budget, `${field}[${key}]`)
      : value;
  return count + 1;
}

function readAnyValue(reader: ProtoReader, depth: number, field: string): NestedValue {
  reader.budget.depth(depth, field);
  let value: NestedValue = null;
  while (!reader.done()) {
    const tag = reader.uint();
    const wire = tag & 7;
    switch (tag >>> 3) {
      case 1:
        reader.expect(wire, WIRE.len, 'AnyValue.string_value');
        value = reader.boundedString(field);
        break;
      case 2:
        reader.expect(wire, WIRE.varint, 'AnyValue.bool_value');
        value = reader.bool();
        break;
      case 3:
        reader.expect(wire, WIRE.varint, 'AnyValue.int_value');
        value = reader.int64();
        break;
      case 4:
        reader.expect(wire, WIRE.fixed64, 'AnyValue.double_value');
        value = reader.double();
        break;
      case 5:
        reader.expect(wire, WIRE.len, 'AnyValue.array_value');
        value = readArrayValue(reader.message(field), depth + 1, `${field}.array_value`);
        break;
      case 6:
        reader.expect(wire, WIRE.len, 'AnyValue.kvlist_value');
        value = readKeyValueList(reader.message(field), depth + 1, `${field}.kvlist_value`);
        break;
      case 7:
        reader.expect(wire, WIRE.len, 'AnyValue.bytes_value');
        value = readBytes(reader, field);
        break;
      default:
        reader.skip(wire);
    }
  }
  return value;
}

function readBytes(reader: ProtoReader, field: string): string {
  const [start, end] = reader.lengthDelimited();
  reader.budget.valueSize(end - start, field);
  return reader.buf.toString('base64', start, end);
}

function readArrayValue(reader: ProtoReader, depth: number, field: string): NestedValue[] {
  reader.budget.depth(depth, field);
  const values: NestedValue[] = [];
  while (!reader.done()) {
    const tag = reader.uint();
    if (tag >>> 3 === 1 && (tag & 7) === WIRE.len) {
      reader.budget.attributes(values.length + 1, field);
      values.push(readAnyValue(reader.message(field), depth, field));
    } else reader.skip(tag & 7);
  }
  return values;
}

function readKeyValueList(reader: ProtoReader, depth: number, field: string): KeyValueMap {
  reader.budget.depth(depth, field);
  const entries: KeyValueMap = Object.create(null) as KeyValueMap;
  let count = 0;
  while (!reader.done()) {
    const tag = reader.uint();
    if (tag >>> 3 === 1 && (tag & 7) === WIRE.len) {
      reader.budget.attributes(++count, field);
      readNestedKeyValue(reader.message(field), entries, depth, field);
    } else reader.skip(tag & 7);
  }
  return entries;
}

function readNestedKeyValue(reader: ProtoReader, into: KeyValueMap, depth: number, field: string): void {
  let key = '';
  let value: NestedValue = null;
  while (!reader.done()) {
    const tag = reader.uint();
    const wire = tag & 7;
    if (tag >>> 3 === 1 && wire === WIRE.len) key = reader.boundedString('KeyValue.key');
    else if (tag >>> 3 === 2 && wire === WIRE.len) value = readAnyValue(reader.message(field), depth, field);
    else reader.skip(wire);
  }
  into[key] = value;
}

/** Decodes a Resource message's attributes. */
export function readResource(reader: ProtoReader): Attributes {
  const attributes: Attributes = newAttributes();
  let count = 0;
  while (!reader.done()) {
    const tag = reader.uint();
    if (tag >>> 3 === 1 && (tag & 7) === WIRE.len)
      count = readKeyValue(reader.message('Resource.attributes'), attributes, count, 'Resource.attributes');
    else reader.skip(tag & 7);
  }
  return attributes;
}
