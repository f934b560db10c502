/** The transport's whole logging need: one structured line per event worth telling an operator. */
export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

type Level = keyof Logger;

/** One JSON object a line (`{time, level, msg, ...fields}`), as log collectors in a cluster expect. */
export function jsonLogger(
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
  clock: () => Date = () => new Date(),
): Logger {
  const at =
    (level: Level) =>
    (msg: string, fields: Record<string, unknown> = {}): void =>
      write(JSON.stringify({ time: clock().toISOString(), level, msg, ...fields }));
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
