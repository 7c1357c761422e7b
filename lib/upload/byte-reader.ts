// Pulls exact byte counts out of a stream of arbitrarily sized pieces (busboy's Buffers), with a
// running sha256 of everything read. Rule: every byte of the source passes through `hash` exactly
// once and in order, and the reader never holds more than one source piece beyond what was asked.
import { createHash, type Hash } from "node:crypto";
import { UploadError } from "./errors";
import { beforeIdleTimeout } from "./idle";

export class ByteReader {
  private readonly iterator: AsyncIterator<Uint8Array>;
  private pending: Uint8Array = new Uint8Array(0);
  private done = false;
  /** Bytes handed out so far (the position in the source). */
  position = 0;
  readonly hash: Hash = createHash("sha256");

  /** `idleTimeoutMs`: longest wait for the source's next piece before a 408 (see ./idle.ts). */
  constructor(source: AsyncIterable<Uint8Array>, private readonly idleTimeoutMs = Number.POSITIVE_INFINITY) {
    this.iterator = source[Symbol.asyncIterator]();
  }

  private async fill(): Promise<boolean> {
    while (this.pending.length === 0) {
      if (this.done) return false;
      let step: IteratorResult<Uint8Array>;
      try {
        const next = this.iterator.next();
        step = Number.isFinite(this.idleTimeoutMs) ? await beforeIdleTimeout(next, this.idleTimeoutMs) : await next;
      } catch (error) {
        // The source is the client's body: its failures (busboy's "Unexpected end of form" for a
        // body cut short, a disconnect) are the client's, answered 400 rather than a masked 500.
        if (error instanceof UploadError) throw error;
        throw new UploadError(400, `the upload's body is malformed or ended early (${error instanceof Error ? error.message : String(error)})`, { field: "file" });
      }
      const { value, done } = step;
      if (done) {
        this.done = true;
        return false;
      }
      this.pending = value;
    }
    return true;
  }

  /**
   * Copies the next `into.length` bytes into `into`; returns how many were copied (fewer only when
   * the source ended).
   */
  async readInto(into: Uint8Array): Promise<number> {
    let filled = 0;
    while (filled < into.length && (await this.fill())) {
      const take = Math.min(into.length - filled, this.pending.length);
      const piece = this.pending.subarray(0, take);
      into.set(piece, filled);
      this.hash.update(piece);
      this.pending = this.pending.subarray(take);
      filled += take;
    }
    this.position += filled;
    return filled;
  }

  /** Reads and hashes up to `count` bytes without keeping them; returns how many were skipped. */
  async skip(count: number): Promise<number> {
    let skipped = 0;
    while (skipped < count && (await this.fill())) {
      const take = Math.min(count - skipped, this.pending.length);
      this.hash.update(this.pending.subarray(0, take));
      this.pending = this.pending.subarray(take);
      skipped += take;
    }
    this.position += skipped;
    return skipped;
  }

  /** Reads (and hashes) whatever is left; returns its length. */
  async rest(): Promise<number> {
    return this.skip(Number.MAX_SAFE_INTEGER);
  }

  /** Hex sha256 of every byte read so far (call once, at the end). */
  digest(): string {
    return this.hash.digest("hex");
  }
}
