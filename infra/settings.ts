import { RemovalPolicy } from "aws-cdk-lib";
import { RetentionDays } from "aws-cdk-lib/aws-logs";
import * as z from "zod";
import { DEFAULT_TABLE_NAME } from "../src/store/embedded.ts";

const LOG_RETENTION_DAYS = Object.values(RetentionDays).filter((v): v is number => typeof v === "number");

// `cdk -c key=value` gives strings, cdk.json gives JSON values: every number and list accepts both.
const count = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const regionList = z
  .union([z.array(z.string()), z.string()])
  .transform((v) => (Array.isArray(v) ? v : v.startsWith("[") ? (JSON.parse(v) as string[]) : v.split(",")))
  .pipe(
    z.array(
      z
        .string()
        .trim()
        .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "must be an AWS region name"),
    ),
  );

/**
 * Every deployment setting, read from CDK context (`cdk.json` or `cdk deploy -c key=value`). README
 * "Deploying to AWS" documents each; the defaults suit one fleet in one region.
 */
export const settingsSchema = z
  .object({
    /** Fixed, so the CLI finds it by default and replica-region stacks can name it. */
    tableName: z
      .string()
      .regex(/^[A-Za-z0-9_.-]{3,255}$/)
      .default(DEFAULT_TABLE_NAME),
    ingestMemoryMb: count(128, 10_240).default(512),
    readMemoryMb: count(128, 10_240).default(1024),
    /** Unset: the functions share the account's unreserved pool (new accounts may have only 10). */
    ingestReservedConcurrency: count(1, 10_000).optional(),
    readReservedConcurrency: count(1, 10_000).optional(),
    logRetentionDays: z.coerce
      .number()
      .refine((d) => LOG_RETENTION_DAYS.includes(d), `must be one of ${LOG_RETENTION_DAYS.join(", ")}`)
      .default(30),
    historyTtlDays: count(1, 3650).default(30),
    /** Alarm notifications: an email subscribed to a new topic, or an existing topic, or neither. */
    alarmEmail: z.email().optional(),
    alarmTopicArn: z
      .string()
      .regex(/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:.+$/)
      .optional(),
    /** `retain` (default) keeps the table and secret when the stack is deleted; `destroy` is for trials. */
    removalPolicy: z.enum(["retain", "destroy"]).default("retain"),
    /** Regions holding a replica of the table and a read function of their own. */
    replicaRegions: regionList.default([]),
  })
  .refine((s) => !(s.alarmEmail && s.alarmTopicArn), "set alarmEmail or alarmTopicArn, not both");

export type Settings = z.infer<typeof settingsSchema>;

/** Reads the settings from `get` (a construct node's tryGetContext), naming every bad key at once. */
export function readSettings(get: (key: string) => unknown): Settings {
  const keys = Object.keys(settingsSchema.shape);
  const raw = Object.fromEntries(keys.map((key) => [key, get(key)]).filter(([, v]) => v !== undefined));
  const result = settingsSchema.safeParse(raw);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${i.path.join(".") || "context"}: ${i.message}`);
  throw new Error(`invalid CDK context: ${problems.join("; ")}`, { cause: result.error });
}

export const removalPolicyOf = (settings: Settings): RemovalPolicy =>
  settings.removalPolicy === "destroy" ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;
