/** A 1-based line and column within one expression's source. */
export interface Position {
  line: number;
  column: number;
}

/** The line and column of a character offset, counting lines from 1 as editors do. */
export function positionAt(source: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < source.length; i++) {
    if (source[i] === "\n") {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
