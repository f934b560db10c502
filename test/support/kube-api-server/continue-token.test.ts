import { expect, test } from "vitest";
import { decodeContinue, encodeContinue, InvalidContinueError } from "./continue-token.ts";

test("a continue token is base64url JSON in the real server's format", () => {
  const token = encodeContinue({ resourceVersion: 1234, start: "default/web\u0000" });

  expect(JSON.parse(Buffer.from(token, "base64url").toString())).toEqual({
    v: "meta.k8s.io/v1",
    rv: 1234,
    start: "default/web\u0000",
  });
  expect(decodeContinue(token)).toEqual({ resourceVersion: 1234, start: "default/web\u0000" });
});

test.each(["not-a-token", Buffer.from('{"v":"meta.k8s.io/v2","rv":1,"start":"a"}').toString("base64url")])(
  "refuses the invalid continue token %j",
  (token) => {
    expect(() => decodeContinue(token)).toThrow(InvalidContinueError);
  },
);
