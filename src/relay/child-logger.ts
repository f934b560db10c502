import type { Logger } from "./transport/logger.ts";

/** `log` with `fields` added to every line, so each part of the relay names itself (`component`). */
export function childLogger(log: Logger, fields: Record<string, unknown>): Logger {
  const at =
    (level: keyof Logger) =>
    (msg: string, more: Record<string, unknown> = {}): void =>
      log[level](msg, { ...fields, ...more });
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}
