import type { Logger } from "../logger.ts";

export interface LogLine {
  level: keyof Logger;
  msg: string;
  fields: Record<string, unknown>;
}

/** A logger that keeps its lines for the test to read. */
export function recordingLogger(): Logger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at =
    (level: keyof Logger) =>
    (msg: string, fields: Record<string, unknown> = {}) =>
      lines.push({ level, msg, fields });
  return { lines, debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}
