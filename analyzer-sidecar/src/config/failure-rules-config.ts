/**
 * User failure categories (`failureRules`): ordered rules tried before the
 * built-in ones, as a JSON array in the config file or `RPA_ANALYZER_FAILURE_RULES`.
 * Every pattern is compiled here, so a bad rule stops the start naming the key.
 */
import { compileFailureRules, type FailureRuleConfig } from '../analysis/failure-categories';

const RULE_KEYS = new Set(['category', 'error_type', 'message', 'confidence_below']);

/** The rules, or an error message naming the rule at fault. */
export function parseFailureRules(value: unknown): { rules: FailureRuleConfig[] } | { error: string } {
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch (error) {
      return { error: `is not JSON: ${(error as Error).message}` };
    }
  }
  if (!Array.isArray(parsed)) return { error: 'must be an array of rules' };
  for (const [i, rule] of parsed.entries()) {
    if (typeof rule !== 'object' || rule === null || Array.isArray(rule))
      return { error: `rule ${i} must be an object` };
    const unknown = Object.keys(rule).find((k) => !RULE_KEYS.has(k));
    if (unknown !== undefined) return { error: `rule ${i}: unknown field ${unknown}` };
  }
  const compiled = compileFailureRules(parsed as FailureRuleConfig[]);
  return compiled.ok ? { rules: parsed as FailureRuleConfig[] } : { error: compiled.error };
}
