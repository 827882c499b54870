/**
 * A real ClickHouse cluster on 127.0.0.1 for the store tests: Debian's
 * clickhouse-server (18.16) started as a router plus shards, each with its
 * own data directory and free ports, stopped (and its files removed) by stop().
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClickHouseStoreOptions } from '../store/clickhouse/clickhouse-store';
import { freePort, poll } from './local-server';

const CLUSTER_NAME = 'rpa';

interface NodePorts {
  http: number;
  tcp: number;
}

const USERS = `<?xml version="1.0"?>
<yandex>
  <profiles><default><max_memory_usage>4000000000</max_memory_usage></default></profiles>
  <users><default><password></password><networks><ip>127.0.0.1</ip></networks><profile>default</profile><quota>default</quota></default></users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
`;

function serverConfig(dir: string, ports: NodePorts, shards: readonly NodePorts[]): string {
  const replicas = shards
    .map((s) => `<shard><replica><host>127.0.0.1</host><port>${s.tcp}</port></replica></shard>`)
    .join('');
  return `<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>${dir}/server.log</log><errorlog>${dir}/server.err.log</errorlog><size>10M</size><count>1</count></logger>
  <listen_host>127.0.0.1</listen_host>
  <http_port>${ports.http}</http_port>
  <tcp_port>${ports.tcp}</tcp_port>
  <path>${dir}/data/</path>
  <tmp_path>${dir}/tmp/</tmp_path>
  <user_files_path>${dir}/user_files/</user_files_path>
  <format_schema_path>${dir}/format_schemas/</format_schema_path>
  <users_config>${dir}/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <mark_cache_size>67108864</mark_cache_size>
  <max_concurrent_queries>100</max_concurrent_queries>
  <remote_servers><${CLUSTER_NAME}>${replicas}</${CLUSTER_NAME}></remote_servers>
</yandex>
`;
}

class ClickHouseNode {
  private constructor(
    readonly url: string,
    private readonly child: ChildProcess,
  ) {}

  static async start(
    binary: string,
    dir: string,
    ports: NodePorts,
    shards: readonly NodePorts[],
  ): Promise<ClickHouseNode> {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'users.xml'), USERS);
    writeFileSync(join(dir, 'config.xml'), serverConfig(dir, ports, shards));
    const child = spawn(binary, [`--config-file=${join(dir, 'config.xml')}`], { stdio: 'ignore', cwd: dir });
    const node = new ClickHouseNode(`http://127.0.0.1:${ports.http}`, child);
    const exited = new Promise<never>((_, reject) =>
      child.once('exit', (code, signal) =>
        reject(
          new Error(
            `clickhouse-server exited (${code ?? signal}) before answering; see ${dir}/server.err.log`,
          ),
        ),
      ),
    );
    exited.catch(() => undefined);
    await Promise.race([
      exited,
      poll(async () => ((await fetch(`${node.url}/ping`)).ok ? true : undefined), 'clickhouse-server ready'),
    ]);
    return node;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    const killLater = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(killLater);
  }
}

export class ClickHouseCluster {
  private constructor(
    private readonly nodes: readonly ClickHouseNode[],
    private readonly dir: string,
    readonly options: Required<Pick<ClickHouseStoreOptions, 'router' | 'cluster'>>,
  ) {}

  /** A router and `shardCount` shards, the router's Distributed tables spanning the shards. */
  static async start(shardCount = 2): Promise<ClickHouseCluster> {
    const binary = execFileSync('sh', ['-c', 'command -v clickhouse-server'], { encoding: 'utf8' }).trim();
    const dir = mkdtempSync(join(tmpdir(), 'rpa-ch-'));
    const shardPorts: NodePorts[] = [];
    for (let i = 0; i < shardCount; i++) shardPorts.push({ http: await freePort(), tcp: await freePort() });
    const routerPorts = { http: await freePort(), tcp: await freePort() };
    const settled = await Promise.allSettled([
      ClickHouseNode.start(binary, join(dir, 'router'), routerPorts, shardPorts),
      ...shardPorts.map((ports, i) =>
        ClickHouseNode.start(binary, join(dir, `shard${i + 1}`), ports, shardPorts),
      ),
    ]);
    const nodes = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    const failure = settled.find((s) => s.status === 'rejected');
    if (failure) {
      await Promise.allSettled(nodes.map((n) => n.stop()));
      rmSync(dir, { recursive: true, force: true });
      throw failure.reason;
    }
    const [router, ...shards] = nodes as [ClickHouseNode, ...ClickHouseNode[]];
    return new ClickHouseCluster(nodes, dir, {
      router: { url: router.url },
      cluster: { name: CLUSTER_NAME, shards: shards.map((s) => ({ url: s.url })) },
    });
  }

  async stop(): Promise<void> {
    await Promise.allSettled(this.nodes.map((n) => n.stop()));
    rmSync(this.dir, { recursive: true, force: true });
  }
}
