import { CfnOutput, Duration, Stack, type StackProps } from "aws-cdk-lib";
import type { Construct } from "constructs";
import { Monitoring } from "./constructs/monitoring.ts";
import { ReadApi } from "./constructs/read-api.ts";
import { SealingKeySecret } from "./constructs/sealing-key-secret.ts";
import { StatusFunction } from "./constructs/status-function.ts";
import { StatusTable } from "./constructs/status-table.ts";
import { removalPolicyOf, type Settings } from "./settings.ts";
import { grantTableAccess } from "./table-access.ts";

export interface FunctionEntries {
  ingest: string;
  read: string;
}

export interface StatusRecorderStackProps extends StackProps {
  settings: Settings;
  entries: FunctionEntries;
}

/** The primary region: the table (and its replicas), the sealing key, both functions, their alarms. */
export class StatusRecorderStack extends Stack {
  constructor(scope: Construct, id: string, props: StatusRecorderStackProps) {
    super(scope, id, props);
    const { settings, entries } = props;
    const removalPolicy = removalPolicyOf(settings);

    const { table } = new StatusTable(this, "Status", {
      tableName: settings.tableName,
      removalPolicy,
      replicaRegions: settings.replicaRegions,
    });
    const sealingKey = new SealingKeySecret(this, "SealingKey", { removalPolicy });

    const ingest = new StatusFunction(this, "Ingest", {
      entry: entries.ingest,
      description: "status-recorder ingest: signed relay batches in, desired config out",
      memoryMb: settings.ingestMemoryMb,
      // A 1 MB batch applies in a few seconds; the relay retries 5xx and timeouts with backoff.
      timeout: Duration.seconds(30),
      reservedConcurrency: settings.ingestReservedConcurrency,
      environment: {
        TABLE_NAME: table.tableName,
        SEALING_KEY_SECRET_ARN: sealingKey.secret.secretArn,
        HISTORY_TTL_DAYS: String(settings.historyTtlDays),
      },
      logRetention: settings.logRetentionDays,
      removalPolicy,
    });
    grantTableAccess(ingest.fn, table.tableArn, "ingest");
    sealingKey.grantRead(ingest.fn);

    const monitoring = new Monitoring(this, "Alarms", settings);
    monitoring.watchFunction("Ingest", ingest);
    monitoring.watchTable(table);
    monitoring.watchStaleClusters(settings.tableName);

    new CfnOutput(this, "IngestUrl", {
      value: ingest.url,
      description: "relay --endpoint: where every cluster's relay posts its signed batches",
    });
    const read = new ReadApi(this, "ReadApi", {
      entry: entries.read,
      settings,
      tableName: table.tableName,
      tableArn: table.tableArn,
    });
    monitoring.watchFunction("Read", read.function);
    new CfnOutput(this, "ReadUrl", {
      value: read.function.url,
      description: "Prometheus /metrics and /federate, the status API (bearer token)",
    });
    new CfnOutput(this, "TableName", { value: table.tableName, description: "the CLI's --table" });
    new CfnOutput(this, "SealingKeySecretArn", {
      value: sealingKey.secret.secretArn,
      description: "the sealing key `cluster add` and `cluster rotate` need (STATUS_RECORDER_SEALING_KEY)",
    });
    new CfnOutput(this, "AlarmTopicArn", {
      value: monitoring.topic.topicArn,
      description: "where alarms go",
    });
  }
}
