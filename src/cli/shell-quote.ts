const SAFE = /^[\w@%+=:,./-]+$/;

/** `word` as a POSIX shell reads it back, for commands printed to be pasted. */
export function shellQuote(word: string): string {
  return SAFE.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}
