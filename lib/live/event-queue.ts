// A bounded push → pull queue between a lib/live handler (which pushes) and an async iterator
// (a GraphQL subscription, which pulls). Rules: at most `bound` items wait; past it new items are
// dropped and the next pull yields `overflow()` once instead, so a slow consumer learns it must
// re-read (delivery is at most once anyway, see ./index); `return()` (the consumer leaving) ends it at once and runs `onClose` once.

export interface EventQueueOptions<T> {
  /** Most items waiting to be pulled (a named bound of the caller, ≥ 1). */
  bound: number;
  /** The item yielded once in place of what was dropped. */
  overflow: () => T;
  /** Runs once when the iteration ends, however it ends. */
  onClose?: () => void | Promise<void>;
}

export class EventQueue<T> implements AsyncIterableIterator<T> {
  private readonly items: T[] = [];
  private readonly waiting: Array<(result: IteratorResult<T>) => void> = [];
  private dropped = false;
  private ended = false;
  private cleanup: Promise<void> | null = null;

  constructor(private readonly options: EventQueueOptions<T>) {
    if (!Number.isInteger(options.bound) || options.bound < 1) throw new RangeError(`EventQueue: bound must be an integer ≥ 1, got ${options.bound}`);
  }

  /** Queues `item` (or hands it to a waiting pull); dropped when the queue is full or ended. */
  push(item: T): void {
    if (this.ended) return;
    const waiter = this.waiting.shift();
    if (waiter) {
      waiter({ value: item, done: false });
      return;
    }
    if (this.items.length >= this.options.bound) {
      this.dropped = true;
      return;
    }
    this.items.push(item);
  }

  get closed(): boolean {
    return this.ended;
  }

  async next(): Promise<IteratorResult<T>> {
    if (this.dropped) {
      this.dropped = false;
      this.items.length = 0;
      return { value: this.options.overflow(), done: false };
    }
    const item = this.items.shift();
    if (item !== undefined) return { value: item, done: false };
    if (this.ended) return { value: undefined, done: true };
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  async return(): Promise<IteratorResult<T>> {
    await this.finish();
    return { value: undefined, done: true };
  }

  async throw(error?: unknown): Promise<IteratorResult<T>> {
    await this.finish();
    throw error;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private finish(): Promise<void> {
    if (this.cleanup) return this.cleanup;
    this.ended = true;
    this.items.length = 0;
    for (const waiter of this.waiting.splice(0)) waiter({ value: undefined, done: true });
    this.cleanup = Promise.resolve()
      .then(() => this.options.onClose?.())
      .catch((error: unknown) => console.error("[live] closing a stream failed", error));
    return this.cleanup;
  }
}
