import { describe, expect, it } from "vitest";
import { loadFixture } from "../../../test/support/fixtures.ts";
import { interpret } from "../interpret.ts";

const statusFor = (path: string) => interpret(loadFixture(path));

describe("Ingress", () => {
  it("is healthy once its controller has published an address", () => {
    expect(statusFor("ingress/address-assigned.yaml").health).toBe("Healthy");
  });

  it("is progressing while no address is published", () => {
    expect(statusFor("ingress/address-pending.yaml").health).toBe("Progressing");
  });

  it("is read by the same rule under extensions/v1beta1", () => {
    expect(statusFor("ingress/extensions-v1beta1.yaml").health).toBe("Healthy");
  });

  it("is pending deletion once a deletion timestamp is set", () => {
    const ingress = loadFixture("ingress/address-assigned.yaml");
    ingress.metadata = { ...ingress.metadata, deletionTimestamp: "2025-06-06T14:00:00Z" };
    expect(interpret(ingress)).toMatchObject({ health: "Progressing", message: "Pending deletion" });
  });
});
