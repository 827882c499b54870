/**
 * The decompressed bytes of every request being read, decoded or committed,
 * against one bound: what requests hold in memory at once is bounded by it
 * (times what decoding a byte costs), however many arrive together.
 */
export class InflightBytes {
  private held = 0;

  constructor(readonly limit: number) {}

  get bytes(): number {
    return this.held;
  }

  /** Takes `bytes` if they fit, or if nothing else is held (one request always gets in). */
  tryTake(bytes: number): boolean {
    if (this.held > 0 && this.held + bytes > this.limit) return false;
    this.held += bytes;
    return true;
  }

  give(bytes: number): void {
    this.held = Math.max(0, this.held - bytes);
  }
}
