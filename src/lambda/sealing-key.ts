import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { parseSealingKey } from "../store/secret-sealer.ts";
import { EnvError, type LambdaEnv } from "./env.ts";

/** Reads a secret's string; injected so tests need neither AWS nor a network. */
export type FetchSecretString = (secretArn: string, region: string) => Promise<string>;

/**
 * The sealing key from wherever the environment says: inline (SEALING_KEY, local runs) or a Secrets
 * Manager secret (SEALING_KEY_SECRET_ARN, AWS), which keeps the key out of the function's configuration,
 * where anyone allowed to read the function could see it. Undefined when neither is set.
 */
export async function loadSealingKey(
  env: LambdaEnv,
  fetchSecret: FetchSecretString = fetchFromSecretsManager,
): Promise<Uint8Array | undefined> {
  if (env.SEALING_KEY !== undefined) return parse(env.SEALING_KEY, "SEALING_KEY");
  const arn = env.SEALING_KEY_SECRET_ARN;
  if (arn === undefined) return undefined;
  let text: string;
  try {
    text = await fetchSecret(arn, env.AWS_REGION);
  } catch (error) {
    throw new EnvError(
      `cannot read the sealing key from ${arn}: ${(error as Error).message || (error as Error).name}`,
      { cause: error },
    );
  }
  return parse(text, `the secret ${arn}`);
}

function parse(text: string, source: string): Uint8Array {
  try {
    return parseSealingKey(text);
  } catch (error) {
    throw new EnvError(`${source}: ${(error as Error).message}`, { cause: error });
  }
}

async function fetchFromSecretsManager(secretArn: string, region: string): Promise<string> {
  const client = new SecretsManagerClient({ region });
  try {
    const out = await client.send(new GetSecretValueCommand({ SecretId: secretArn }));
    if (out.SecretString === undefined) throw new Error("the secret has no string value");
    return out.SecretString;
  } finally {
    // Used once per cold start: no reason to keep its sockets open.
    client.destroy();
  }
}
