import * as z from "zod";

const SECRET_ARN = /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:.+$/;

// Read once at cold start: a misconfigured function fails on its first load with a message naming the
// variable, not on some later request.
export const lambdaEnvSchema = z.object({
  TABLE_NAME: z.string().min(1),
  /** 32 bytes as base64 or 64 hex digits: the key cluster secrets are sealed with (local runs, tests). */
  SEALING_KEY: z.string().min(1).optional(),
  /** On AWS: a Secrets Manager secret whose string is that key, read once at cold start. */
  SEALING_KEY_SECRET_ARN: z.string().regex(SECRET_ARN, "must be a Secrets Manager secret ARN").optional(),
  /** How long each transition stays in history before DynamoDB's TTL removes it (default 30). */
  HISTORY_TTL_DAYS: z.coerce.number().int().min(1).max(3650).optional(),
  AWS_REGION: z.string().min(1).default("us-east-1"),
  /** Only for a local table (dynalite); unset on AWS. */
  DYNAMODB_ENDPOINT: z.url().optional(),
});

export type LambdaEnv = z.infer<typeof lambdaEnvSchema>;

export interface LambdaEnvOptions {
  /**
   * Whether the function opens cluster secrets (the ingest does; the read function does not, so it is
   * given no key at all). When true, exactly one of SEALING_KEY and SEALING_KEY_SECRET_ARN is required.
   */
  sealing: boolean;
}

export class EnvError extends Error {
  override name = "EnvError";
}

export function readLambdaEnv(
  env: NodeJS.ProcessEnv = process.env,
  options: LambdaEnvOptions = { sealing: true },
): LambdaEnv {
  const result = lambdaEnvSchema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new EnvError(`function environment is invalid: ${problems}`, { cause: result.error });
  }
  const { SEALING_KEY, SEALING_KEY_SECRET_ARN } = result.data;
  if (SEALING_KEY !== undefined && SEALING_KEY_SECRET_ARN !== undefined) {
    // Two sources could disagree; refusing both is safer than silently preferring one.
    throw new EnvError(
      "function environment is invalid: set SEALING_KEY or SEALING_KEY_SECRET_ARN, not both",
    );
  }
  if (options.sealing && SEALING_KEY === undefined && SEALING_KEY_SECRET_ARN === undefined) {
    throw new EnvError(
      "function environment is invalid: SEALING_KEY (local) or SEALING_KEY_SECRET_ARN (AWS) is required",
    );
  }
  return result.data;
}
