import { z } from "zod";

// Read once at cold start: a misconfigured function fails on its first load with a message naming the
// variable, not on some later request.
export const lambdaEnvSchema = z.object({
  TABLE_NAME: z.string().min(1),
  /** 32 bytes as base64 or 64 hex digits: the key cluster secrets are sealed with in the table. */
  SEALING_KEY: z.string().min(1),
  AWS_REGION: z.string().min(1).default("us-east-1"),
  /** Only for a local table (dynalite); unset on AWS. */
  DYNAMODB_ENDPOINT: z.url().optional(),
});

export type LambdaEnv = z.infer<typeof lambdaEnvSchema>;

export class EnvError extends Error {
  override name = "EnvError";
}

export function readLambdaEnv(env: NodeJS.ProcessEnv = process.env): LambdaEnv {
  const result = lambdaEnvSchema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
  throw new EnvError(`function environment is invalid: ${problems}`, { cause: result.error });
}
