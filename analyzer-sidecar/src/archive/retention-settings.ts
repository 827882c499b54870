/** The current retention policy: read from the data directory, replaced by the admin API. */
import { loadPolicy, savePolicy } from './policy-file';
import { mergePolicy, type RetentionPolicy } from './retention-policy';

export class RetentionSettings {
  private policy: RetentionPolicy;

  constructor(private readonly dataDir: string) {
    this.policy = loadPolicy(dataDir);
  }

  get(): RetentionPolicy {
    return this.policy;
  }

  /** Validates and persists a (partial) update; throws InvalidPolicyError naming the field. */
  update(update: Readonly<Record<string, unknown>>): RetentionPolicy {
    const next = mergePolicy(this.policy, update);
    savePolicy(this.dataDir, next);
    this.policy = next;
    return next;
  }
}
