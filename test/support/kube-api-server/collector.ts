/** Values pushed by callbacks, awaited by tests: `await collected.until(3)` instead of a sleep. */
export class Collector<T> {
  readonly items: T[] = [];
  private waiters: (() => void)[] = [];

  push = (item: T): void => {
    this.items.push(item);
    const waiting = this.waiters;
    this.waiters = [];
    for (const wake of waiting) wake();
  };

  async until(count: number): Promise<T[]> {
    while (this.items.length < count) await new Promise<void>((resolve) => this.waiters.push(resolve));
    return this.items.slice(0, count);
  }
}
