/**
 * Failure categorization (Property 9): ordered rules on `error.type` and the
 * message; the first match wins and `unknown` catches the rest, so every
 * failure gets exactly one category. User rules from configuration run before
 * the built-in ones, so they can refine or override them.
 */
import { FAILURE_CATEGORY } from '@rpa-analytics/conventions';

export interface Failure {
  execution_id: string;
  step_id: string | null;
  error_type: string | null;
  message: string | null;
  /** Visual-match confidence of the failing step, where reported. */
  confidence_score: number | null;
}

/** A rule as configured: case-insensitive regular expressions; every given field must match. */
export interface FailureRuleConfig {
  category: string;
  error_type?: string;
  message?: string;
  /** Matches when the failing step's confidence is below this. */
  confidence_below?: number;
}

export interface FailureRule {
  category: string;
  errorType?: RegExp;
  message?: RegExp;
  confidenceBelow?: number;
}

export type CompileResult = { ok: true; rules: FailureRule[] } | { ok: false; error: string };

const C = FAILURE_CATEGORY;
const BUILT_IN_CONFIG: readonly FailureRuleConfig[] = [
  { category: C.timeout, error_type: 'timeout|timedout|deadline' },
  { category: C.timeout, message: 'time(d)?[ -]?out|deadline exceeded|took too long' },
  { category: C.lowConfidence, error_type: 'confidence' },
  { category: C.lowConfidence, message: 'low confidence|confidence (score )?(below|under|too low)' },
  { category: C.elementNotFound, error_type: 'element|selector|locator' },
  {
    category: C.elementNotFound,
    message:
      '(element|selector|target|control|window).*(not found|missing|could not be (found|located))|no such element|unable to locate',
  },
  {
    category: C.network,
    error_type:
      '^E(CONNREFUSED|CONNRESET|HOSTUNREACH|NETUNREACH|AI_AGAIN|PIPE)$|^ENOTFOUND$|network|socket|dns|http',
  },
  {
    category: C.network,
    message: 'network|connection (refused|reset|closed)|socket hang up|dns|unreachable|\\b50[234]\\b',
  },
  { category: C.validation, error_type: 'validation|invalid|assert|schema' },
  {
    category: C.validation,
    message: 'validation|invalid|does not match|expected .* (but|got)|required field|format',
  },
  { category: C.applicationError, error_type: 'application|apperror|crash|comexception|win32|hresult' },
  {
    category: C.applicationError,
    message: 'application|crash(ed)?|not responding|unhandled|access violation',
  },
  // Last: a low score only explains a failure the executor did not classify itself
  // (ELEMENT_NOT_FOUND at confidence 0.41 is a missing element, not a weak match).
  { category: C.lowConfidence, confidence_below: 0.5 },
];

function compileOne(config: FailureRuleConfig, index: number): FailureRule {
  if (!config.category) throw new Error(`failure rule ${index}: category is required`);
  if (
    config.error_type === undefined &&
    config.message === undefined &&
    config.confidence_below === undefined
  ) {
    throw new Error(
      `failure rule ${index} (${config.category}): needs error_type, message or confidence_below`,
    );
  }
  return {
    category: config.category,
    ...(config.error_type !== undefined && { errorType: new RegExp(config.error_type, 'i') }),
    ...(config.message !== undefined && { message: new RegExp(config.message, 'i') }),
    ...(config.confidence_below !== undefined && { confidenceBelow: config.confidence_below }),
  };
}

/** User rules (first) and the built-in ones, compiled; a bad pattern is a typed error naming the rule. */
export function compileFailureRules(userRules: readonly FailureRuleConfig[] = []): CompileResult {
  try {
    return { ok: true, rules: [...userRules, ...BUILT_IN_CONFIG].map(compileOne) };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

function compileBuiltIns(): FailureRule[] {
  const result = compileFailureRules();
  if (!result.ok) throw new Error(`built-in failure rules: ${result.error}`);
  return result.rules;
}

export const BUILT_IN_FAILURE_RULES: readonly FailureRule[] = compileBuiltIns();

function matches(rule: FailureRule, failure: Failure): boolean {
  if (rule.errorType && !rule.errorType.test(failure.error_type ?? '')) return false;
  if (rule.message && !rule.message.test(failure.message ?? '')) return false;
  if (rule.confidenceBelow !== undefined) {
    return failure.confidence_score !== null && failure.confidence_score < rule.confidenceBelow;
  }
  return true;
}

export function categorizeFailure(
  failure: Failure,
  rules: readonly FailureRule[] = BUILT_IN_FAILURE_RULES,
): string {
  return rules.find((rule) => matches(rule, failure))?.category ?? C.unknown;
}
