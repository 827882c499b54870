/**
 * The standard normal distribution function and its inverse, for the
 * Mann–Kendall test (simple-statistics is ESM-only; the sidecar is CommonJS).
 * Φ by the complementary error function of Numerical Recipes (erfcc, relative
 * error below 1.2e-7 everywhere); Φ⁻¹ by bisection on Φ, ample for a
 * significance level set once.
 */
export function standardNormalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * x);
  const erfc =
    t *
    Math.exp(
      -x * x -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return z >= 0 ? 1 - erfc / 2 : erfc / 2;
}

/** z with Φ(z) = p, for p in (0, 1). */
export function standardNormalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`standardNormalQuantile: p must be in (0, 1), got ${p}`);
  let low = -40;
  let high = 40;
  for (let i = 0; i < 100; i++) {
    const mid = (low + high) / 2;
    if (standardNormalCdf(mid) < p) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}
