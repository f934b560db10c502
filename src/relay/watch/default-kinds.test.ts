import { expect, test } from "vitest";
import { kindKey } from "../../interpret/kind-interpreter.ts";
import { builtinKinds } from "../../interpret/kinds/index.ts";
import { groupOf } from "../../interpret/kube-object.ts";
import { DEFAULT_KINDS } from "./default-kinds.ts";

const served = builtinKinds.filter((row) => row.group !== "extensions");

test("watches every kind with a built-in interpreter row", () => {
  const watched = new Set(DEFAULT_KINDS.map((k) => kindKey(groupOf(k.apiVersion), k.kind)));
  expect(served.map((row) => kindKey(row.group, row.kind)).filter((key) => !watched.has(key))).toEqual([]);
});

test("watches no kind without a built-in interpreter row", () => {
  const rows = new Set(served.map((row) => kindKey(row.group, row.kind)));
  expect(DEFAULT_KINDS.filter((k) => !rows.has(kindKey(groupOf(k.apiVersion), k.kind)))).toEqual([]);
});
