/**
 * One analyzer among several over one ClickHouse. Each instance:
 * - heartbeats, and owns the workflows rendezvous hashing gives it among the
 *   live instances (membership.ts); it judges only those (each series is
 *   analyzed once), and takes a workflow over within one heartbeat TTL of its
 *   owner dying, from the states the owner stored, replaying the recent rows;
 * - appends each acknowledged commit's new rows and each live event it
 *   publishes to the commit feed, and polls the feed for the other
 *   instances', so every instance tracks every running execution, drops
 *   stale cached answers and streams every live event.
 * Singleton jobs (the report scheduler) run on the owner of their role.
 */
import type { RecordBatch } from '../model/records';
import type { ClusterTables, FeedEntry, FeedKey } from './cluster-tables';
import { batchOf, eventEntry, recordEntries } from './feed-codec';
import { liveMembers, ownerOf } from './membership';

export interface ClusterTiming {
  /** Heartbeat and ownership round. */
  readonly heartbeatMs: number;
  /** An instance without a heartbeat for this long is dead; its workflows move. */
  readonly ttlMs: number;
  /** Feed poll period. */
  readonly pollMs: number;
  /** How far behind its cursor a poll looks again (entries becoming visible late, clock skew). */
  readonly overlapMs: number;
  /** Recent rows kept for replay when a workflow is taken over. */
  readonly replayMs: number;
}

export const DEFAULT_CLUSTER_TIMING: ClusterTiming = {
  heartbeatMs: 2000,
  ttlMs: 8000,
  pollMs: 500,
  overlapMs: 10_000,
  replayMs: 60_000,
};

/** What detection does when ownership moves (live-detection.ts). */
export interface OwnershipHandlers {
  takeOver(workflowIds: ReadonlySet<string>, replay: RecordBatch): Promise<void>;
  release(workflowIds: ReadonlySet<string>): Promise<void>;
}

export interface ClusterCoordinatorOptions {
  readonly tables: ClusterTables;
  readonly instanceId: string;
  readonly now: () => number;
  readonly timing?: Partial<ClusterTiming>;
  /** Workflows with stored detection state (known before any row arrives). */
  readonly knownWorkflows: () => Promise<readonly string[]>;
  readonly onError: (error: unknown) => void;
}

export type RemoteEvent = { type: string; data: Record<string, unknown>; workflowIds: string[] };

export function createClusterCoordinator(options: ClusterCoordinatorOptions) {
  const timing = { ...DEFAULT_CLUSTER_TIMING, ...options.timing };
  const me = options.instanceId;
  let members: string[] = [me];
  let previousMembers: string[] = [];
  const owned = new Set<string>();
  const known = new Set<string>();
  const deferred = new Map<string, number>();
  const seen = new Map<string, number>();
  let recent: FeedEntry[] = [];
  let cursor = 0;
  const commitListeners: ((fresh: RecordBatch) => void)[] = [];
  const eventListeners: ((event: RemoteEvent) => void)[] = [];
  const writeListeners: ((workflowIds: ReadonlySet<string>) => void)[] = [];
  const roles = new Map<string, { active: boolean; change: (active: boolean) => Promise<void> }>();
  let handlers: OwnershipHandlers | undefined;
  let timers: NodeJS.Timeout[] = [];
  let round: Promise<void> = Promise.resolve();
  let polling: Promise<void> = Promise.resolve();
  let stopped = false;

  const seenKey = (k: Pick<FeedKey, 'entry_id' | 'workflow_id'>) => `${k.entry_id}\u0000${k.workflow_id}`;

  /**
   * `claim`: a workflow first met here is new to the cluster, so its owner
   * may start judging it at once; not for the entries read at start (another
   * instance may be judging those: ownership rounds hand them over).
   */
  function remember(entries: readonly FeedEntry[], claim = true): void {
    for (const entry of entries) {
      seen.set(seenKey(entry), entry.at);
      if (entry.kind !== 'records') continue;
      if (claim) meet(entry.workflow_id);
      else known.add(entry.workflow_id);
      recent.push(entry);
    }
  }

  /** A workflow never seen before has no state anywhere: its owner starts judging it at once. */
  function meet(workflowId: string): void {
    if (known.has(workflowId)) return;
    known.add(workflowId);
    if (ownerOf(workflowId, members) === me) owned.add(workflowId);
  }

  function judges(workflowId: string): boolean {
    meet(workflowId);
    return owned.has(workflowId);
  }

  async function heartbeatRound(): Promise<void> {
    const now = options.now();
    await options.tables.heartbeat(me, now);
    const live = liveMembers(await options.tables.heartbeats(), now, timing.ttlMs);
    members = live.includes(me) ? live : [...live, me].sort();
    const gained = new Set<string>();
    const lost = new Set<string>();
    for (const workflowId of known) {
      const owner = ownerOf(workflowId, members);
      if (owner === me && !owned.has(workflowId)) {
        // A live previous owner gets two rounds (it sees this instance in one) to store its states and let go.
        const before = ownerOf(workflowId, previousMembers.length > 0 ? previousMembers : others(members));
        const waited = deferred.get(workflowId) ?? 0;
        if (before !== undefined && before !== me && members.includes(before) && waited < 2) {
          deferred.set(workflowId, waited + 1);
          continue;
        }
        deferred.delete(workflowId);
        gained.add(workflowId);
      } else if (owner !== me && owned.has(workflowId)) lost.add(workflowId);
    }
    previousMembers = members;
    for (const w of lost) owned.delete(w);
    if (lost.size > 0) await handlers?.release(lost);
    if (gained.size > 0) {
      for (const w of gained) owned.add(w);
      const replay = batchOf(recent.filter((e) => gained.has(e.workflow_id)));
      await handlers?.takeOver(gained, replay);
    }
    for (const [role, state] of roles) {
      const active = ownerOf(`role:${role}`, members) === me;
      if (active !== state.active) {
        state.active = active;
        await state.change(active);
      }
    }
  }

  const others = (list: readonly string[]) => list.filter((m) => m !== me);

  async function poll(): Promise<void> {
    const unseen = await fetchUnseen();
    if (unseen.length > 0) deliver(unseen);
    prune();
  }

  async function fetchUnseen(): Promise<FeedEntry[]> {
    const keys = await options.tables.keysSince(cursor - timing.overlapMs);
    const unseen = keys.filter((k) => !seen.has(seenKey(k)));
    for (const k of keys) cursor = Math.max(cursor, k.at);
    if (unseen.length === 0) return [];
    return (await options.tables.payloads(unseen)).filter((e) => !seen.has(seenKey(e)));
  }

  function deliver(fresh: readonly FeedEntry[]): void {
    remember(fresh);
    const records = fresh.filter((e) => e.kind === 'records');
    if (records.length > 0) {
      const batch = batchOf(records);
      for (const listener of commitListeners) listener(batch);
      const workflows = new Set(records.map((e) => e.workflow_id));
      for (const listener of writeListeners) listener(workflows);
    }
    for (const entry of fresh) {
      if (entry.kind !== 'event') continue;
      const event = JSON.parse(entry.payload) as RemoteEvent;
      for (const listener of eventListeners) listener(event);
    }
  }

  function prune(): void {
    const now = options.now();
    for (const [k, at] of seen) if (at < cursor - 2 * timing.overlapMs) seen.delete(k);
    if (recent.length > 0 && (recent[0] as FeedEntry).at < now - timing.replayMs)
      recent = recent.filter((e) => e.at >= now - timing.replayMs);
  }

  /** Runs `work` every `ms`, skipping a tick while the previous run is still going. */
  function every(ms: number, work: () => Promise<void>, track: (running: Promise<void>) => void = () => {}) {
    let busy = false;
    const timer = setInterval(() => {
      if (busy) return;
      busy = true;
      const running = work()
        .catch(options.onError)
        .finally(() => (busy = false));
      track(running);
    }, ms);
    timer.unref();
    timers.push(timer);
  }

  return {
    instanceId: me,
    judges,
    /** This instance's committed rows: appended to the feed (before the request is acknowledged), then judged here. */
    async publish(fresh: RecordBatch): Promise<void> {
      const entries = recordEntries(fresh, me, options.now());
      if (entries.length === 0) return;
      await options.tables.append(entries);
      remember(entries);
      for (const listener of commitListeners) listener(fresh);
    },
    /** A live event this instance published, for the streams of the others. */
    async publishEvent(type: string, data: Record<string, unknown>, workflowIds: readonly string[]) {
      const entry = eventEntry(
        { type, data, workflowIds: [...workflowIds] },
        workflowIds[0] ?? '',
        me,
        options.now(),
      );
      await options.tables.append([entry]);
      seen.set(seenKey(entry), entry.at);
    },
    commits(listener: (fresh: RecordBatch) => void): void {
      commitListeners.push(listener);
    },
    onRemoteEvent(listener: (event: RemoteEvent) => void): void {
      eventListeners.push(listener);
    },
    /** Workflows another instance wrote to (cached answers about them are stale). */
    onRemoteWrite(listener: (workflowIds: ReadonlySet<string>) => void): void {
      writeListeners.push(listener);
    },
    handleOwnership(next: OwnershipHandlers): void {
      handlers = next;
    },
    /** Runs `change(true)` while this instance owns the role, `change(false)` when it stops owning it. */
    role(name: string, change: (active: boolean) => Promise<void>): void {
      roles.set(name, { active: false, change });
    },
    /** Whether this instance owns the role now. */
    holds(name: string): boolean {
      return roles.get(name)?.active ?? false;
    },
    /** Who is alive and what this instance judges (the cluster route shows it). */
    view() {
      return { instance_id: me, members: [...members], owned_workflows: [...owned].sort() };
    },
    async start(): Promise<void> {
      for (const w of await options.knownWorkflows()) known.add(w);
      // The recent past: for replay and to know the workflows, not to judge again.
      cursor = options.now() - timing.replayMs;
      remember(await fetchUnseen(), false);
      await heartbeatRound();
      every(timing.heartbeatMs, heartbeatRound, (running) => (round = running));
      every(timing.pollMs, poll, (running) => (polling = running));
      every(3_600_000, () => options.tables.dropFeedBefore(options.now() - 2 * 86_400_000));
    },
    async stop(): Promise<void> {
      stopped = true;
      for (const timer of timers) clearInterval(timer);
      timers = [];
      await Promise.allSettled([round, polling]);
      for (const [, state] of roles) if (state.active) await state.change(false);
    },
    get stopped() {
      return stopped;
    },
  };
}

export type ClusterCoordinator = ReturnType<typeof createClusterCoordinator>;
