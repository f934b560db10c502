import type { Logger } from "./logger.ts";

/** Hooks belong to other parts of the relay: whatever they do, the sender goes on. */
export function callHook(log: Logger, hook: string, call: () => unknown): void {
  const failed = (error: unknown) => log.error("hook failed", { hook, error: String(error) });
  try {
    Promise.resolve(call()).catch(failed);
  } catch (error) {
    failed(error);
  }
}
