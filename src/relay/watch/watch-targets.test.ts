import { describe, expect, test } from "vitest";
import { validateConfig } from "../../config/index.ts";
import { DEFAULT_KINDS } from "./default-kinds.ts";
import { kindsReadDifferently, watchTargets } from "./watch-targets.ts";

const config = (doc: unknown) => validateConfig(doc, "test");
const widgetRule = {
  apiVersion: "example.com/v1",
  kind: "Widget",
  health: '"Healthy"',
};

describe("watch targets", () => {
  test("without a watch list are every built-in kind and every kind a rule describes", () => {
    const targets = watchTargets(config({ rules: [widgetRule] }));

    expect(targets.size).toBe(DEFAULT_KINDS.length + 1);
    expect(targets.get("example.com/Widget")).toEqual({
      apiVersion: "example.com/v1",
      kind: "Widget",
      entries: [{ namespaces: [], labelSelector: "" }],
    });
    expect(targets.get("Pod")?.apiVersion).toBe("v1");
  });

  test("merge entries of one group and kind into one target, whatever their versions", () => {
    const targets = watchTargets(
      config({
        watch: [
          { apiVersion: "apps/v1", kind: "Deployment", namespaces: ["shop"] },
          { apiVersion: "apps/v1beta2", kind: "Deployment", labelSelector: "tier=web" },
        ],
      }),
    );

    expect([...targets.entries()]).toEqual([
      [
        "apps/Deployment",
        {
          apiVersion: "apps/v1",
          kind: "Deployment",
          entries: [
            { namespaces: ["shop"], labelSelector: "" },
            { namespaces: [], labelSelector: "tier=web" },
          ],
        },
      ],
    ]);
  });
});

describe("kinds read differently", () => {
  const targets = watchTargets(config({ rules: [widgetRule] }));

  test("are the kinds whose rule changed", () => {
    const before = config({ rules: [widgetRule] });
    const after = config({ rules: [{ ...widgetRule, health: '"Degraded"' }] });

    expect(kindsReadDifferently(before, after, targets)).toEqual(new Set(["example.com/Widget"]));
  });

  test("are the kinds whose metric families changed", () => {
    const family = { name: "pod_info", help: "Pods.", type: "info", kind: "Pod" };
    const before = config({ rules: [widgetRule] });
    const after = config({ rules: [widgetRule], metrics: [family] });

    expect(kindsReadDifferently(before, after, targets)).toEqual(new Set(["Pod"]));
  });

  test("are none when rules and metrics are the same", () => {
    const same = config({ rules: [widgetRule] });
    expect(kindsReadDifferently(same, config({ rules: [widgetRule] }), targets).size).toBe(0);
  });
});
