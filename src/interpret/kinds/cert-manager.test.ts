import { describe, expect, it } from "vitest";
import { loadFixture } from "../../../test/support/fixtures.ts";
import { interpret } from "../interpret.ts";

const fixture = (path: string) => interpret(loadFixture(path));

describe("cert-manager Certificate health", () => {
  it("is Healthy with the Ready message when issued", () => {
    expect(fixture("certificate/ready.yaml")).toMatchObject({
      health: "Healthy",
      message: "Certificate is up to date and has not expired",
    });
  });

  it("is Progressing while issuing, even though Ready is False", () => {
    expect(fixture("certificate/issuing.yaml")).toMatchObject({
      health: "Progressing",
      message: "Issuing certificate as Secret does not exist",
    });
  });

  it("is Degraded when expired", () => {
    expect(fixture("certificate/expired.yaml")).toMatchObject({
      health: "Degraded",
      message: "Certificate expired on Sat, 16 Nov 2024 13:10:40 UTC",
    });
  });

  it("is Progressing before cert-manager has looked at it", () => {
    expect(fixture("certificate/no-status.yaml")).toMatchObject({
      health: "Progressing",
      message: "Waiting for certificate",
    });
  });

  it("reports validity and renewal times as unix seconds", () => {
    expect(fixture("certificate/ready.yaml").values).toEqual({
      notBeforeSeconds: Date.parse("2024-10-04T08:31:01Z") / 1000,
      notAfterSeconds: Date.parse("2025-01-02T08:31:00Z") / 1000,
      renewalTimeSeconds: Date.parse("2024-12-03T08:31:00Z") / 1000,
    });
  });

  it("reports failed issuance attempts", () => {
    expect(fixture("certificate/expired.yaml").values?.failedIssuanceAttempts).toBe(4);
  });
});

describe("cert-manager Issuer and ClusterIssuer health", () => {
  it("is Healthy when the issuer is Ready", () => {
    expect(fixture("issuer/ready.yaml")).toMatchObject({ health: "Healthy", message: "Signing CA verified" });
  });

  it("is Degraded with the reason when ACME registration failed", () => {
    const status = fixture("clusterissuer/acme-failed.yaml");
    expect(status.health).toBe("Degraded");
    expect(status.message).toMatch(/^Failed to register ACME account/);
  });

  it("is Progressing while a ClusterIssuer initializes", () => {
    expect(fixture("clusterissuer/no-status.yaml")).toMatchObject({
      health: "Progressing",
      message: "Initializing ClusterIssuer",
    });
  });
});
