import { describe, expect, test } from "vitest";
import { dispatchWatchLine, LineSplitter } from "./stream-lines.ts";

function split(chunks: string[], end = true): string[] {
  const splitter = new LineSplitter();
  const lines: string[] = [];
  for (const chunk of chunks) splitter.push(chunk, (line) => lines.push(line));
  if (end) splitter.end((line) => lines.push(line));
  return lines;
}

describe("LineSplitter", () => {
  test("gives each line once, however the chunks cut the stream", () => {
    const text = '{"a":1}\n{"b":2}\n{"c":3}\n';
    for (let size = 1; size <= text.length; size++) {
      const chunks = Array.from({ length: Math.ceil(text.length / size) }, (_, i) =>
        text.slice(i * size, (i + 1) * size),
      );
      expect(split(chunks)).toEqual(['{"a":1}', '{"b":2}', '{"c":3}']);
    }
  });

  test("holds a line that has not ended until its newline comes", () => {
    expect(split(['{"a":1}\n{"b"'], false)).toEqual(['{"a":1}']);
  });

  test("gives the text after the last newline when the stream ends", () => {
    expect(split(['{"a":1}\n{"b":2}'])).toEqual(['{"a":1}', '{"b":2}']);
    expect(split(['{"a":1}\n  '])).toEqual(['{"a":1}']);
  });
});

describe("dispatchWatchLine", () => {
  const dispatched = (line: string) => {
    const events: [string, unknown][] = [];
    dispatchWatchLine(line, (type, object) => events.push([type, object]));
    return events;
  };

  test("hands on the event's type and object, without managedFields", () => {
    const object = { kind: "Pod", metadata: { name: "a", managedFields: [{ manager: "kubelet" }] } };
    expect(dispatched(JSON.stringify({ type: "ADDED", object }))).toEqual([
      ["ADDED", { kind: "Pod", metadata: { name: "a" } }],
    ]);
  });

  test("skips what is not a watch event, as client-node's Watch does", () => {
    for (const line of ["", "not json", "[1,2]", "null", '{"object":{}}', '{"type":3}'])
      expect(dispatched(line)).toEqual([]);
  });

  test("lets an error of the callback through, so a broken consumer ends the watch instead of hiding", () => {
    expect(() =>
      dispatchWatchLine('{"type":"ADDED","object":{}}', () => {
        throw new Error("boom");
      }),
    ).toThrow("boom");
  });
});
