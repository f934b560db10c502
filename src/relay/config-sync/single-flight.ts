/**
 * Runs `task` one at a time. A `run()` while a run is in flight asks for one more run after it
 * (however many calls came), unless the run in flight calls `cancelFollowUp()`.
 */
export class SingleFlight {
  #inFlight: Promise<void> | undefined;
  #again = false;
  #idleWaiters: (() => void)[] = [];

  constructor(
    private readonly task: () => Promise<void>,
    private readonly enabled: () => boolean = () => true,
  ) {}

  get busy(): boolean {
    return this.#inFlight !== undefined;
  }

  run(): void {
    if (this.#inFlight) {
      this.#again = true;
      return;
    }
    this.#inFlight = this.task().finally(() => {
      this.#inFlight = undefined;
      const again = this.#again && this.enabled();
      this.#again = false;
      if (again) this.run();
      else for (const resolve of this.#idleWaiters.splice(0)) resolve();
    });
  }

  cancelFollowUp(): void {
    this.#again = false;
  }

  /** Resolves once no run is in flight or asked for. */
  idle(): Promise<void> {
    if (!this.#inFlight) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }
}
