/**
 * Which analyzer judges which workflow: rendezvous (highest-random-weight)
 * hashing over the instances whose heartbeat is fresh. Every instance reads
 * the same heartbeats and computes the same owner, without a coordinator;
 * when an instance dies or joins, only the workflows it owned (or now wins)
 * move, and each moves to one instance.
 */
import { createHash } from 'node:crypto';

export interface Heartbeat {
  readonly instance_id: string;
  readonly seen_ms: number;
}

/** Instances whose last heartbeat is younger than `ttlMs`, sorted (a stable order for every reader). */
export function liveMembers(heartbeats: readonly Heartbeat[], now: number, ttlMs: number): string[] {
  const live = new Set<string>();
  for (const beat of heartbeats) if (now - beat.seen_ms < ttlMs) live.add(beat.instance_id);
  return [...live].sort();
}

function weight(instanceId: string, key: string): bigint {
  return createHash('sha256').update(instanceId).update('\u0000').update(key).digest().readBigUInt64BE(0);
}

/** The member that owns `key` (a workflow id, or a singleton role); undefined without members. */
export function ownerOf(key: string, members: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestWeight = -1n;
  for (const member of members) {
    const w = weight(member, key);
    // Ties (astronomically rare) go to the smaller id, the same on every instance.
    if (w > bestWeight || (w === bestWeight && best !== undefined && member < best)) {
      best = member;
      bestWeight = w;
    }
  }
  return best;
}
