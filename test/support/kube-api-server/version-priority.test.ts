import { expect, test } from "vitest";
import { byVersionPriority } from "./version-priority.ts";

test("versions sort GA first, then beta, then alpha, newest first, then anything else", () => {
  expect(byVersionPriority(["v1alpha1", "foo", "v1beta1", "v1", "v2", "v1beta2", "v11alpha2"])).toEqual([
    "v2",
    "v1",
    "v1beta2",
    "v1beta1",
    "v11alpha2",
    "v1alpha1",
    "foo",
  ]);
});
