import { describe, expect, it } from "vitest";
import { EnvError, readLambdaEnv } from "./env.ts";

const KEY = "0".repeat(64);
const ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:status-recorder/sealing-key-AbCdEf";

describe("readLambdaEnv", () => {
  it("accepts an inline sealing key", () => {
    const env = readLambdaEnv({ TABLE_NAME: "t", SEALING_KEY: KEY });

    expect(env).toMatchObject({ TABLE_NAME: "t", SEALING_KEY: KEY, AWS_REGION: "us-east-1" });
  });

  it("accepts a Secrets Manager secret ARN instead of the key", () => {
    const env = readLambdaEnv({ TABLE_NAME: "t", SEALING_KEY_SECRET_ARN: ARN, AWS_REGION: "eu-west-1" });

    expect(env.SEALING_KEY_SECRET_ARN).toBe(ARN);
  });

  it("refuses both sources at once", () => {
    const read = () => readLambdaEnv({ TABLE_NAME: "t", SEALING_KEY: KEY, SEALING_KEY_SECRET_ARN: ARN });

    expect(read).toThrow(/SEALING_KEY or SEALING_KEY_SECRET_ARN, not both/);
  });

  it("requires one source when the function opens cluster secrets", () => {
    expect(() => readLambdaEnv({ TABLE_NAME: "t" })).toThrow(EnvError);
  });

  it("requires neither source for a function that opens no secret", () => {
    expect(readLambdaEnv({ TABLE_NAME: "t" }, { sealing: false }).TABLE_NAME).toBe("t");
  });

  it("names the variable that is not a secret ARN", () => {
    const read = () => readLambdaEnv({ TABLE_NAME: "t", SEALING_KEY_SECRET_ARN: "my-secret" });

    expect(read).toThrow(/SEALING_KEY_SECRET_ARN: must be a Secrets Manager secret ARN/);
  });

  it("names a missing table", () => {
    expect(() => readLambdaEnv({ SEALING_KEY: KEY })).toThrow(/TABLE_NAME/);
  });

  it("reads the history retention in days as a number", () => {
    expect(
      readLambdaEnv({ TABLE_NAME: "t", SEALING_KEY: KEY, HISTORY_TTL_DAYS: "90" }).HISTORY_TTL_DAYS,
    ).toBe(90);
  });
});
