/** Where each configuration value comes from: the environment first, then the config file. */

export type Env = Readonly<Record<string, string | undefined>>;
export type FileConfig = Readonly<Record<string, unknown>>;

export class ConfigError extends Error {
  constructor(
    readonly key: string,
    message: string,
  ) {
    super(`${key}: ${message}`);
    this.name = 'ConfigError';
  }
}

/** Environment first, then the config file; each value validated and named when wrong. */
export class ConfigSource {
  constructor(
    private readonly env: Env,
    private readonly file: FileConfig,
  ) {}

  /** The key it came from and its value, environment first. */
  raw(envKey: string, fileKey: string): [string, unknown] | undefined {
    const fromEnv = this.env[envKey];
    if (fromEnv !== undefined && fromEnv.trim() !== '') return [envKey, fromEnv.trim()];
    if (this.file[fileKey] !== undefined) return [fileKey, this.file[fileKey]];
    return undefined;
  }

  string(envKey: string, fileKey: string): string | undefined {
    const entry = this.raw(envKey, fileKey);
    if (!entry) return undefined;
    const [key, value] = entry;
    if (typeof value !== 'string' || value === '') throw new ConfigError(key, 'must be a non-empty string');
    return value;
  }

  pattern(envKey: string, fileKey: string, pattern: RegExp): string | undefined {
    const value = this.string(envKey, fileKey);
    if (value !== undefined && !pattern.test(value))
      throw new ConfigError(envKey, `"${value}" does not match ${pattern}`);
    return value;
  }

  integer(envKey: string, fileKey: string, min: number, max: number): number | undefined {
    const entry = this.raw(envKey, fileKey);
    if (!entry) return undefined;
    const [key, value] = entry;
    const number = typeof value === 'string' ? Number(value) : value;
    if (typeof number !== 'number' || !Number.isInteger(number) || number < min || number > max) {
      throw new ConfigError(key, `must be an integer in [${min}, ${max}], got ${JSON.stringify(value)}`);
    }
    return number;
  }

  boolean(envKey: string, fileKey: string): boolean | undefined {
    const entry = this.raw(envKey, fileKey);
    if (!entry) return undefined;
    const [key, value] = entry;
    if (value === true || value === 'true') return true;
    if (value === false || value === 'false') return false;
    throw new ConfigError(key, `must be true or false, got ${JSON.stringify(value)}`);
  }
}
