import Ajv, { type ValidateFunction } from 'ajv';
import { readFileSync } from 'fs';
import path from 'path';

/** Grafana's plugin.json and dashboard schemas, vendored in schemas/ for offline validation (test-only module). */
export const SCHEMA_DIR = path.resolve(__dirname, '..', 'schemas');

function compile(file: string): ValidateFunction {
  const ajv = new Ajv({ strict: false, unicodeRegExp: false, allErrors: true, validateFormats: false });
  return ajv.compile(JSON.parse(readFileSync(path.join(SCHEMA_DIR, file), 'utf8')));
}

export function validatorFor(kind: 'plugin' | 'dashboard'): (value: unknown) => string[] {
  const validate = compile(kind === 'plugin' ? 'plugin.schema.json' : 'dashboard.jsonschema.json');
  return (value) =>
    validate(value)
      ? []
      : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
}
