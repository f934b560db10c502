import { describe, expect, it } from "vitest";
import { parseSelectors } from "./selectors.ts";
import { matchesSeries, narrow } from "./series-filter.ts";

describe("narrow", () => {
  const filter = parseSelectors(['argocd_phase{cluster="a"}', '{__name__=~"mco_.*", pool="infra"}']);

  it("keeps a whole family when a selector has nothing left to test", () => {
    expect(narrow(narrow(filter, "__name__", "argocd_phase") as typeof filter, "cluster", "a")).toBe("all");
  });

  it("drops a family no selector names", () => {
    expect(narrow(filter, "__name__", "keptn_metric_value")).toBe("none");
  });

  it("leaves the matchers on other labels for the series", () => {
    const left = narrow(filter, "__name__", "mco_machine_count");

    expect(left).not.toBe("all");
    expect(left).not.toBe("none");
    expect(matchesSeries(left as typeof filter, [["pool", "infra"]], [])).toBe(true);
    expect(matchesSeries(left as typeof filter, [["pool", "worker"]], [])).toBe(false);
  });
});
