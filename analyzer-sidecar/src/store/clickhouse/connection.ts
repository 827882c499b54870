/**
 * One ClickHouse server over HTTP (@clickhouse/client), as the store uses it:
 * rows of a SELECT as plain objects, DDL and other statements, and inserts of
 * JSON rows that return only once every shard has them (an acknowledged
 * batch is stored, not queued on the router).
 */
import {
  ClickHouseLogLevel,
  createClient,
  type ClickHouseClient,
  type ClickHouseSettings,
} from '@clickhouse/client';
import { Readable } from 'node:stream';
import { encodeRowBinary, type BinaryColumn } from './row-binary';

/** 64-bit integers as JSON numbers (epoch ms are exact in a double); non-finite floats as null. */
const READ_SETTINGS: ClickHouseSettings = {
  output_format_json_quote_64bit_integers: 0,
  output_format_json_quote_denormals: 0,
  // Literal IN lists of a batch's ids (no query parameters in 18.16) exceed the 256 KiB default.
  max_query_size: String(32 * 1024 * 1024),
};

/** Inserts into a Distributed table reach the shards before the insert returns. */
const INSERT_SETTINGS: ClickHouseSettings = { insert_distributed_sync: 1 };

export interface ClickHouseEndpoint {
  readonly url: string;
  readonly username?: string;
  readonly password?: string;
  /** Database of unqualified table names; default `default`. */
  readonly database?: string;
  /** Per-request timeout. */
  readonly requestTimeoutMs?: number;
}

export class ClickHouseConnection {
  private readonly client: ClickHouseClient;

  constructor(readonly endpoint: ClickHouseEndpoint) {
    this.client = createClient({
      url: endpoint.url,
      username: endpoint.username ?? 'default',
      password: endpoint.password ?? '',
      database: endpoint.database ?? 'default',
      request_timeout: endpoint.requestTimeoutMs ?? 120_000,
      // The store reports failures itself; the client's own logger would print each one again.
      log: { level: ClickHouseLogLevel.OFF },
    });
  }

  async rows<T>(query: string): Promise<T[]> {
    const result = await this.client.query({
      query,
      format: 'JSONEachRow',
      clickhouse_settings: READ_SETTINGS,
    });
    return result.json<T>();
  }

  /**
   * Rows of a SELECT in the batches they arrive in, so memory holds one batch
   * whatever the row count; returning early closes the response (the server
   * stops the query when it can no longer write).
   */
  async *streamRows<T>(query: string): AsyncGenerator<T[]> {
    const result = await this.client.query({
      query,
      format: 'JSONEachRow',
      clickhouse_settings: READ_SETTINGS,
    });
    try {
      for await (const rows of result.stream<T>()) yield rows.map((row) => row.json<T>());
    } finally {
      result.close();
    }
  }

  async command(query: string): Promise<void> {
    await this.client.command({ query });
  }

  /** Inserts the rows as RowBinary (exact doubles); returns once the server has stored them. */
  async insert(table: string, columns: readonly BinaryColumn[], rows: readonly object[]): Promise<void> {
    if (rows.length === 0) return;
    const names = columns.map((c) => `\`${c.name}\``).join(', ');
    const result = await this.client.exec({
      query: `INSERT INTO \`${table}\` (${names}) FORMAT RowBinary`,
      values: Readable.from([encodeRowBinary(columns, rows)]),
      clickhouse_settings: INSERT_SETTINGS,
    });
    // The response body must be read for the socket to go back to the pool.
    for await (const chunk of result.stream) void chunk;
  }

  close(): Promise<void> {
    return this.client.close();
  }
}
