/**
 * AnyValue as decoded, before it becomes an attribute: kvlist values stay maps
 * while nested, and become JSON text once, at the outermost level, so nesting
 * never escapes the same text again and again (a 1.6 KB body once grew a 67 MB
 * string that way).
 */
import type { DecodeBudget } from './limits/decode-budget';
import type { AttributeValue } from './otlp-types';

export type NestedValue = string | number | boolean | null | NestedValue[] | KeyValueMap;
export interface KeyValueMap {
  [key: string]: NestedValue;
}

export function isKeyValueMap(value: NestedValue): value is KeyValueMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The attribute value of a decoded AnyValue: a kvlist as its JSON text, within maxAttributeValueBytes. */
export function toAttributeValue(value: NestedValue, budget: DecodeBudget, field: string): AttributeValue {
  if (isKeyValueMap(value)) {
    const text = JSON.stringify(value);
    budget.valueSize(text.length, field);
    return text;
  }
  if (Array.isArray(value)) return value.map((item) => toAttributeValue(item, budget, field));
  return value;
}
