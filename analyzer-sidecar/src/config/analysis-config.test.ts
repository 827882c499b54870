import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, DEFAULT_ANALYSIS, loadConfig } from './config';

describe('analysis periods in the config', () => {
  it('defaults to a 7-day baseline, a 1-day current period and a 60 s refresh', () => {
    expect(loadConfig({}, {}).analysis).toEqual(DEFAULT_ANALYSIS);
    expect(DEFAULT_ANALYSIS).toMatchObject({
      degradationBaselineMs: 7 * 86_400_000,
      degradationCurrentMs: 86_400_000,
      refreshIntervalMs: 60_000,
    });
  });

  it('takes short windows from the environment over the config file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'rpa-config-')), 'config.json');
    writeFileSync(file, JSON.stringify({ degradationBaselineMs: 600_000, refreshIntervalMs: 5000 }));
    const { analysis } = loadConfig(
      { configFile: file },
      { RPA_ANALYZER_DEGRADATION_CURRENT_MS: '60000', RPA_ANALYZER_REFRESH_INTERVAL_MS: '0' },
    );
    expect(analysis).toMatchObject({
      degradationBaselineMs: 600_000,
      degradationCurrentMs: 60_000,
      refreshIntervalMs: 0,
    });
  });

  it.each([
    [{ RPA_ANALYZER_DEGRADATION_BASELINE_MS: '10' }, 'RPA_ANALYZER_DEGRADATION_BASELINE_MS'],
    [{ RPA_ANALYZER_ANOMALY_LOOKBACK_MS: 'a week' }, 'RPA_ANALYZER_ANOMALY_LOOKBACK_MS'],
    [{ RPA_ANALYZER_REFRESH_INTERVAL_MS: '-1' }, 'RPA_ANALYZER_REFRESH_INTERVAL_MS'],
  ])('names the bad key in %j', (env, key) => {
    expect(() => loadConfig({}, env)).toThrow(ConfigError);
    expect(() => loadConfig({}, env)).toThrow(new RegExp(`^${key}:`));
  });
});

describe('user failure rules in the config', () => {
  it('reads them from the file or, as JSON, from the environment', () => {
    const rules = [{ category: 'sap_crash', message: 'SAP GUI' }];
    const file = join(mkdtempSync(join(tmpdir(), 'rpa-config-')), 'config.json');
    writeFileSync(file, JSON.stringify({ failureRules: rules }));
    expect(loadConfig({ configFile: file }, {}).analysis.failureRules).toEqual(rules);
    expect(
      loadConfig({}, { RPA_ANALYZER_FAILURE_RULES: JSON.stringify(rules) }).analysis.failureRules,
    ).toEqual(rules);
  });

  it.each([
    ['not json', /is not JSON/],
    ['{"category":"x"}', /array/],
    ['[{"category":"x","message":"("}]', /rule 0|Invalid regular expression/],
    ['[{"category":"x","colour":"red"}]', /unknown field colour/],
    ['[{"category":"x"}]', /needs error_type, message or confidence_below/],
  ])('refuses %s naming the key', (raw, message) => {
    expect(() => loadConfig({}, { RPA_ANALYZER_FAILURE_RULES: raw })).toThrow(/^RPA_ANALYZER_FAILURE_RULES:/);
    expect(() => loadConfig({}, { RPA_ANALYZER_FAILURE_RULES: raw })).toThrow(message);
  });
});
