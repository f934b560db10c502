import { describe, expect, it, vi } from "vitest";
import { EnvError, readLambdaEnv } from "./env.ts";
import { loadSealingKey } from "./sealing-key.ts";

const HEX_KEY = "ab".repeat(32);
const ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:status-recorder/sealing-key-AbCdEf";

describe("loadSealingKey", () => {
  it("parses an inline key without calling Secrets Manager", async () => {
    const fetchSecret = vi.fn();

    const key = await loadSealingKey(readLambdaEnv({ TABLE_NAME: "t", SEALING_KEY: HEX_KEY }), fetchSecret);

    expect(key).toEqual(new Uint8Array(32).fill(0xab));
    expect(fetchSecret).not.toHaveBeenCalled();
  });

  it("fetches the key once from the secret the ARN names, in the function's region", async () => {
    const fetchSecret = vi.fn(async () => `${HEX_KEY}\n`);
    const env = readLambdaEnv({ TABLE_NAME: "t", SEALING_KEY_SECRET_ARN: ARN, AWS_REGION: "eu-west-1" });

    const key = await loadSealingKey(env, fetchSecret);

    expect(key).toEqual(new Uint8Array(32).fill(0xab));
    expect(fetchSecret).toHaveBeenCalledExactlyOnceWith(ARN, "eu-west-1");
  });

  it("fails at cold start, naming the secret, when it cannot be read", async () => {
    const env = readLambdaEnv({ TABLE_NAME: "t", SEALING_KEY_SECRET_ARN: ARN });
    const denied = Object.assign(new Error("User is not authorized"), { name: "AccessDeniedException" });

    const load = loadSealingKey(env, async () => Promise.reject(denied));

    await expect(load).rejects.toThrow(
      new EnvError(`cannot read the sealing key from ${ARN}: User is not authorized`),
    );
  });

  it("refuses a secret that holds something other than a 32-byte key", async () => {
    const env = readLambdaEnv({ TABLE_NAME: "t", SEALING_KEY_SECRET_ARN: ARN });

    const load = loadSealingKey(env, async () => "hunter2");

    await expect(load).rejects.toThrow(/the secret arn:.*: the sealing key must be 32 bytes/);
  });

  it("gives no key when the function is configured with none", async () => {
    expect(await loadSealingKey(readLambdaEnv({ TABLE_NAME: "t" }, { sealing: false }))).toBeUndefined();
  });
});
