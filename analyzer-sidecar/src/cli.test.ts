/**
 * Crash safety of the real CLI: spans acknowledged with a 2xx survive a SIGKILL
 * in the middle of ingestion, exactly once, after a restart.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { executionSpecs, protobufBody, recordSpans } from './test-support/sdk-spans';

const CLI = join(__dirname, '..', 'dist', 'cli.js');
const ADMIN = 'admin-token-crash';

/** Every child this file starts; none outlives its test, whatever the test's outcome. */
const children = new Set<ChildProcess>();
afterEach(async () => {
  await Promise.all([...children].map(killNow));
  children.clear();
});

function spawnCli(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  return child;
}

function killNow(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGKILL');
  return exited;
}

function startCli(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawnCli(['serve', '--port', '0', '--data-dir', dataDir], {
    ...process.env,
    RPA_ANALYZER_TOKENS: `admin:${ADMIN}`,
    RPA_ANALYZER_HOST: '127.0.0.1',
    RPA_ANALYZER_DUCKDB_THREADS: '1',
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /rpa-analyzer listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) resolve({ child, url: match[1] as string });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`cli exited with ${code}: ${output}`)));
  });
}

async function listAll(url: string): Promise<{ execution_id: string; steps: unknown[] }[]> {
  const items: { execution_id: string; steps: unknown[] }[] = [];
  let cursor: string | null = null;
  do {
    const query: string = `limit=1000&include=steps${cursor ? `&cursor=${cursor}` : ''}`;
    const response = await fetch(`${url}/analytics/metrics?${query}`, {
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    const page = (await response.json()) as {
      items: { execution_id: string; steps: unknown[] }[];
      next_cursor: string | null;
    };
    items.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor);
  return items;
}

describe('rpa-analyzer serve', () => {
  it.each([
    [['serve', '--port', '0', '--data-dir', '/tmp/x'], {}, /no API token configured/],
    [
      ['serve', '--data-dir', '/tmp/x'],
      { RPA_ANALYZER_PORT: 'eighty', RPA_ANALYZER_TOKENS: 'admin:aaaaaaaa' },
      /RPA_ANALYZER_PORT: must be an integer/,
    ],
    [['serve', '--port=99999'], {}, /--port: must be an integer/],
    [['launch'], {}, /usage: rpa-analyzer serve/],
  ])('refuses %j with exit code 2 and a message naming the problem', async (args, env, message) => {
    const child = spawnCli(args, { ...process.env, ...env });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
    expect(output).toMatch(message);
  });

  it('refuses to start with exit code 3 when a WAL has lost its database file, touching nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rpa-orphan-wal-'));
    try {
      writeFileSync(join(dir, 'store.duckdb.wal'), Buffer.from('640062650002ffff', 'hex'));
      const child = spawn(
        process.execPath,
        [CLI, 'serve', '--port', '0', '--data-dir', dir, '--insecure-local'],
        {
          env: { ...process.env, RPA_ANALYZER_LOG_LEVEL: 'silent' },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let output = '';
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const code = await new Promise((resolve) => child.on('exit', resolve));
      expect(code).toBe(3);
      expect(output).toMatch(/store wal_without_db: the database file .*store\.duckdb is missing/);
      expect(readdirSync(dir)).toEqual(['store.duckdb.wal']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  const dataDir = mkdtempSync(join(tmpdir(), 'rpa-crash-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps every acknowledged span exactly once across a SIGKILL mid-ingestion', async () => {
    expect(existsSync(CLI)).toBe(true); // `npm test` builds first
    const bodies = Array.from({ length: 400 }, (_, i) =>
      protobufBody(
        recordSpans(executionSpecs(`exec-${i}`, `wf-${i % 7}`, Date.UTC(2026, 10, 1) + i * 1000, 9)),
      ),
    );
    const first = await startCli(dataDir);
    const acknowledged = new Set<number>();
    let next = 0;
    const client = async (): Promise<void> => {
      while (next < bodies.length) {
        const i = next++;
        try {
          const response = await fetch(`${first.url}/v1/traces`, {
            method: 'POST',
            headers: { 'content-type': 'application/x-protobuf' },
            body: bodies[i],
          });
          if (response.ok) acknowledged.add(i);
          // an exporter retry of something already acknowledged
          if (response.ok && i % 10 === 0) {
            await fetch(`${first.url}/v1/traces`, {
              method: 'POST',
              headers: { 'content-type': 'application/x-protobuf' },
              body: bodies[i],
            });
          }
        } catch {
          return; // the server is gone
        }
      }
    };
    const clients = Promise.all(Array.from({ length: 4 }, client));
    while (acknowledged.size < 60) await new Promise((resolve) => setTimeout(resolve, 5));
    first.child.kill('SIGKILL');
    await clients;
    expect(acknowledged.size).toBeLessThan(bodies.length);

    const second = await startCli(dataDir);
    try {
      const items = await listAll(second.url);
      const ids = items.map((e) => e.execution_id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const i of acknowledged) {
        const execution = items.find((e) => e.execution_id === `exec-${i}`);
        expect(execution?.steps).toHaveLength(9);
      }
      for (const execution of items) expect(execution.steps).toHaveLength(9);
    } finally {
      const exited = new Promise((resolve) => second.child.once('exit', resolve));
      second.child.kill('SIGTERM');
      expect(await exited).toBe(0); // an ordered close, not the watchdog's SIGKILL
    }
  }, 180_000); // a generous bound for a loaded machine; afterEach kills both children whatever happens
});
