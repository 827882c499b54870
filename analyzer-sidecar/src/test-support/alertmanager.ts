/** A real Alertmanager (Debian's prometheus-alertmanager) on 127.0.0.1, for the push tests. */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, poll } from './local-server';

export interface AlertmanagerAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
  status: { state: string };
}

const CONFIG = `route:
  receiver: none
  group_wait: 0s
receivers:
  - name: none
`;

export class Alertmanager {
  private constructor(
    readonly url: string,
    private readonly child: ChildProcess,
    private readonly dir: string,
  ) {}

  static async start(): Promise<Alertmanager> {
    const binary = execFileSync('sh', ['-c', 'command -v prometheus-alertmanager'], {
      encoding: 'utf8',
    }).trim();
    const dir = mkdtempSync(join(tmpdir(), 'rpa-am-'));
    writeFileSync(join(dir, 'alertmanager.yml'), CONFIG);
    const port = await freePort();
    const child = spawn(
      binary,
      [
        `--config.file=${join(dir, 'alertmanager.yml')}`,
        `--storage.path=${join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--cluster.listen-address=',
      ],
      { stdio: 'ignore' },
    );
    const am = new Alertmanager(`http://127.0.0.1:${port}`, child, dir);
    await poll(async () => ((await fetch(`${am.url}/-/ready`)).ok ? true : undefined), 'Alertmanager ready');
    return am;
  }

  async alerts(): Promise<AlertmanagerAlert[]> {
    return (await (await fetch(`${this.url}/api/v2/alerts`)).json()) as AlertmanagerAlert[];
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      this.child.kill('SIGTERM');
      await exited;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
