import { describe, expect, it } from "vitest";
import { loadFixture } from "../../../test/support/fixtures.ts";
import { interpret } from "../interpret.ts";

const namespace = (name: string) => loadFixture(`namespace/${name}.yaml`);

describe("Namespace health", () => {
  it("is Healthy when Active", () => {
    const status = interpret(namespace("active"));
    expect(status.health).toBe("Healthy");
    expect(status.phase).toBe("Active");
  });

  it("is Progressing with its phase while terminating", () => {
    const status = interpret(namespace("terminating"));
    expect(status.health).toBe("Progressing");
    expect(status.phase).toBe("Terminating");
  });

  it("says the namespace is terminating when only the phase tells", () => {
    const { deletionTimestamp: _, ...metadata } = namespace("terminating").metadata ?? {};
    const status = interpret({ ...namespace("terminating"), metadata });
    expect(status.message).toBe("Namespace is terminating");
  });
});
