/** KeyValue / AnyValue decoding (opentelemetry-proto `common/v1/common.proto`). */
import { ProtoReader, WIRE } from './proto-reader';
import { type AttributeValue, type Attributes } from './otlp-types';

/** Decodes one KeyValue into `into` (the last value of a repeated key wins). */
export function readKeyValue(reader: ProtoReader, into: Attributes): void {
  let key = '';
  let value: AttributeValue = null;
  while (!reader.done()) {
    const tag = reader.uint();
    const field = tag >>> 3;
    const wire = tag & 7;
    if (field === 1 && wire === WIRE.len) key = reader.string();
    else if (field === 2 && wire === WIRE.len) value = readAnyValue(reader.message());
    else reader.skip(wire);
  }
  into[key] = value;
}

export function readAnyValue(reader: ProtoReader): AttributeValue {
  let value: AttributeValue = null;
  while (!reader.done()) {
    const tag = reader.uint();
    const field = tag >>> 3;
    const wire = tag & 7;
    switch (field) {
      case 1:
        reader.expect(wire, WIRE.len, 'AnyValue.string_value');
        value = reader.string();
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
        value = readArrayValue(reader.message());
        break;
      case 6:
        reader.expect(wire, WIRE.len, 'AnyValue.kvlist_value');
        value = JSON.stringify(readKeyValueList(reader.message()));
        break;
      case 7: {
        reader.expect(wire, WIRE.len, 'AnyValue.bytes_value');
        const [start, end] = reader.lengthDelimited();
        value = reader.buf.toString('base64', start, end);
        break;
      }
      default:
        reader.skip(wire);
    }
  }
  return value;
}

function readArrayValue(reader: ProtoReader): AttributeValue[] {
  const values: AttributeValue[] = [];
  while (!reader.done()) {
    const tag = reader.uint();
    if (tag >>> 3 === 1 && (tag & 7) === WIRE.len) values.push(readAnyValue(reader.message()));
    else reader.skip(tag & 7);
  }
  return values;
}

function readKeyValueList(reader: ProtoReader): Attributes {
  const attributes: Attributes = Object.create(null) as Attributes;
  while (!reader.done()) {
    const tag = reader.uint();
    if (tag >>> 3 === 1 && (tag & 7) === WIRE.len) readKeyValue(reader.message(), attributes);
    else reader.skip(tag & 7);
  }
  return attributes;
}

/** Decodes a Resource message's attributes. */
export function readResource(reader: ProtoReader): Attributes {
  const attributes: Attributes = Object.create(null) as Attributes;
  while (!reader.done()) {
    const tag = reader.uint();
    if (tag >>> 3 === 1 && (tag & 7) === WIRE.len) readKeyValue(reader.message(), attributes);
    else reader.skip(tag & 7);
  }
  return attributes;
}
