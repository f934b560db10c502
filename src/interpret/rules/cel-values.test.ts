import { celUint } from "@bufbuild/cel";
import { describe, expect, it } from "vitest";
import { celNumber, celText, describeCelValue } from "./cel-values.ts";

describe("celNumber", () => {
  it.each([
    [2.5, 2.5],
    [7n, 7],
    [celUint(4n), 4],
    [true, 1],
    [false, 0],
  ])("reads %s as %d", (value, expected) => {
    expect(celNumber(value)).toBe(expected);
  });

  it.each(["3", null, Number.NaN, Number.POSITIVE_INFINITY])("does not read %s as a number", (value) => {
    expect(celNumber(value)).toBeUndefined();
  });
});

describe("celText", () => {
  it("spells scalars out and leaves other values undefined", () => {
    expect([celText("a"), celText(3), celText(2n), celText(true), celText(null)]).toEqual([
      "a",
      "3",
      "2",
      "true",
      undefined,
    ]);
  });
});

describe("describeCelValue", () => {
  it("quotes strings so an empty one is visible", () => {
    expect(describeCelValue("")).toBe('""');
  });
});
