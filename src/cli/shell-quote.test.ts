import { describe, expect, it } from "vitest";
import { shellQuote } from "./shell-quote.ts";

describe("shellQuote", () => {
  it("leaves paths and URLs that need no quoting as they are", () => {
    expect(shellQuote("/home/me/.data/sealing.key")).toBe("/home/me/.data/sealing.key");
  });

  it("single-quotes words with spaces and escapes the quotes inside", () => {
    expect(shellQuote("it's here")).toBe("'it'\\''s here'");
  });
});
