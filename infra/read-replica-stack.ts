import { CfnOutput, Stack, type StackProps } from "aws-cdk-lib";
import type { Construct } from "constructs";
import { Monitoring } from "./constructs/monitoring.ts";
import { ReadApi } from "./constructs/read-api.ts";
import type { Settings } from "./settings.ts";

export interface ReadReplicaStackProps extends StackProps {
  settings: Settings;
  readEntry: string;
}

/**
 * A read function in a replica region, reading that region's replica of the global table, so readers
 * there (a regional Prometheus) get local latency and keep working when the primary region does not.
 * Writes stay in the primary region: the ingest's conditional writes are only safe against one writer
 * region, as global tables resolve concurrent cross-region writes by last writer wins.
 */
export class ReadReplicaStack extends Stack {
  constructor(scope: Construct, id: string, props: ReadReplicaStackProps) {
    super(scope, id, props);
    const { settings } = props;
    // The replica has the table's name in this region; naming it avoids a cross-region reference.
    const tableArn = this.formatArn({
      service: "dynamodb",
      resource: "table",
      resourceName: settings.tableName,
    });
    const read = new ReadApi(this, "ReadApi", {
      entry: props.readEntry,
      settings,
      tableName: settings.tableName,
      tableArn,
    });
    // Stale clusters alarm once, from the primary region; here only the function itself is watched.
    // Alarm actions must be in the alarm's region, so alarmTopicArn (a primary-region topic) is not used.
    const monitoring = new Monitoring(this, "Alarms", { alarmEmail: settings.alarmEmail });
    monitoring.watchFunction("Read", read.function);
    new CfnOutput(this, "ReadUrl", { value: read.function.url, description: "this region's read endpoint" });
    new CfnOutput(this, "AlarmTopicArn", { value: monitoring.topic.topicArn });
  }
}
