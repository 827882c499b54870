import { DiagLogLevel } from '@opentelemetry/api';
import { ANALYZER } from '../conventions';

/** The environment, as `process.env` holds it. */
export type Env = Readonly<Record<string, string | undefined>>;

/** The OTLP/HTTP encodings this package exports in. */
export type OtlpProtocol = 'http/protobuf' | 'http/json';

const LOG_LEVELS: Readonly<Record<string, DiagLogLevel>> = {
  none: DiagLogLevel.NONE,
  error: DiagLogLevel.ERROR,
  warn: DiagLogLevel.WARN,
  info: DiagLogLevel.INFO,
  debug: DiagLogLevel.DEBUG,
  verbose: DiagLogLevel.VERBOSE,
  all: DiagLogLevel.ALL,
};

/**
 * Reads typed values from the environment. A value that does not parse is
 * undefined (the default applies) and leaves a message in `warnings`.
 */
export class EnvReader {
  readonly warnings: string[] = [];

  constructor(private readonly env: Env) {}

  string(key: string): string | undefined {
    return this.env[key]?.trim() || undefined;
  }

  boolean(key: string): boolean | undefined {
    const raw = this.string(key)?.toLowerCase();
    if (raw === undefined) return undefined;
    if (raw === 'true') return true;
    if (raw === 'false') return false;
    return this.reject(`${key}=${this.env[key]} is not true or false; ignored`);
  }

  integer(key: string, min: number, max: number): number | undefined {
    const raw = this.string(key);
    if (raw === undefined) return undefined;
    const value = Number(raw);
    if (Number.isInteger(value) && value >= min && value <= max) return value;
    return this.reject(`${key}=${raw} is not an integer in [${min}, ${max}]; using the default`);
  }

  url(key: string): string | undefined {
    const raw = this.string(key);
    if (raw === undefined) return undefined;
    try {
      const url = new URL(raw);
      if (url.protocol === 'http:' || url.protocol === 'https:') return raw;
    } catch {
      // reported below
    }
    return this.reject(`${key}=${raw} is not an http(s) URL; ignored`);
  }

  headers(key: string): Record<string, string> | undefined {
    const raw = this.string(key);
    if (raw === undefined) return undefined;
    return parseHeaders(raw) ?? this.reject(`${key} is not a list of key=value pairs; ignored`);
  }

  /** OpenTelemetry's rule: the per-signal endpoint is used as is, the base one gets `/v1/traces`. */
  tracesUrl(): string | undefined {
    const signal = this.url('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT');
    if (signal) return signal;
    const base = this.url('OTEL_EXPORTER_OTLP_ENDPOINT');
    return base ? base.replace(/\/+$/, '') + ANALYZER.tracesPath : undefined;
  }

  /** `OTEL_EXPORTER_OTLP_TRACES_PROTOCOL`, else `OTEL_EXPORTER_OTLP_PROTOCOL`; gRPC is not spoken here. */
  otlpProtocol(): OtlpProtocol | undefined {
    const key = this.string('OTEL_EXPORTER_OTLP_TRACES_PROTOCOL')
      ? 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL'
      : 'OTEL_EXPORTER_OTLP_PROTOCOL';
    const raw = this.string(key);
    if (raw === undefined || raw === 'http/protobuf' || raw === 'http/json') return raw;
    return this.reject(`${key}=${raw} is not supported (http/protobuf or http/json); using http/protobuf`);
  }

  /** `OTEL_LOG_LEVEL`, as OpenTelemetry names its levels (case-insensitive). */
  logLevel(): DiagLogLevel | undefined {
    const raw = this.string('OTEL_LOG_LEVEL')?.toLowerCase();
    if (raw === undefined) return undefined;
    return LOG_LEVELS[raw] ?? this.reject(`OTEL_LOG_LEVEL=${raw} is not a log level; ignored`);
  }

  private reject(message: string): undefined {
    this.warnings.push(message);
    return undefined;
  }
}

/** Parses the `OTEL_EXPORTER_OTLP_HEADERS` format: `key=value` pairs, comma-separated, URL-encoded. */
export function parseHeaders(raw: string): Record<string, string> | undefined {
  const headers: Record<string, string> = {};
  for (const pair of raw.split(',')) {
    if (!pair.trim()) continue;
    const eq = pair.indexOf('=');
    if (eq <= 0) return undefined;
    try {
      headers[decodeURIComponent(pair.slice(0, eq).trim())] = decodeURIComponent(pair.slice(eq + 1).trim());
    } catch {
      return undefined;
    }
  }
  return headers;
}
