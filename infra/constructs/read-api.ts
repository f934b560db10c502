import { Duration } from "aws-cdk-lib";
import { Construct } from "constructs";
import { removalPolicyOf, type Settings } from "../settings.ts";
import { grantTableAccess } from "../table-access.ts";
import { StatusFunction } from "./status-function.ts";

export interface ReadApiProps {
  entry: string;
  settings: Settings;
  tableName: string;
  /** The table (or its replica) in this stack's region. */
  tableArn: string;
}

/**
 * The read function (metrics, federation, status API) with read-only access to the table and its
 * indexes. It gets no sealing key: it never opens a cluster secret.
 */
export class ReadApi extends Construct {
  readonly function: StatusFunction;

  constructor(scope: Construct, id: string, props: ReadApiProps) {
    super(scope, id);
    const { settings } = props;
    this.function = new StatusFunction(this, "Read", {
      entry: props.entry,
      description: "status-recorder read: Prometheus metrics, federation and the status API",
      // Rendering a fleet's metrics is CPU-bound, and Lambda CPU grows with memory.
      memoryMb: settings.readMemoryMb,
      timeout: Duration.seconds(30),
      reservedConcurrency: settings.readReservedConcurrency,
      environment: { TABLE_NAME: props.tableName },
      logRetention: settings.logRetentionDays,
      removalPolicy: removalPolicyOf(settings),
    });
    grantTableAccess(this.function.fn, props.tableArn, "read");
  }
}
