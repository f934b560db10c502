import { describe, expect, it } from "vitest";
import { leaderIdentity, podNamespace } from "./identity.ts";

describe("the candidate's identity", () => {
  it("is the pod name from the downward API", () => {
    expect(leaderIdentity({ POD_NAME: "relay-7d9f-x2x4q" }, () => "host")).toBe("relay-7d9f-x2x4q");
  });

  it("is the hostname without POD_NAME", () => {
    expect(leaderIdentity({}, () => "relay-7d9f-x2x4q")).toBe("relay-7d9f-x2x4q");
  });
});

describe("the lease's namespace", () => {
  it("is POD_NAMESPACE when set", () => {
    expect(podNamespace({ POD_NAMESPACE: "monitoring" }, () => "other")).toBe("monitoring");
  });

  it("is the service account's namespace in a pod", () => {
    expect(podNamespace({}, () => "status-recorder\n")).toBe("status-recorder");
  });

  it("is unknown outside a cluster", () => {
    const missing = () => {
      throw Object.assign(new Error("ENOENT"), { code: "ENOENT" });
    };
    expect(podNamespace({}, missing)).toBeUndefined();
  });
});
