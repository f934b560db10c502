import { Duration } from "aws-cdk-lib";
import {
  Alarm,
  ComparisonOperator,
  type IMetric,
  Metric,
  TreatMissingData,
} from "aws-cdk-lib/aws-cloudwatch";
import { SnsAction } from "aws-cdk-lib/aws-cloudwatch-actions";
import type { ITableV2, Operation } from "aws-cdk-lib/aws-dynamodb";
import { type ITopic, Topic } from "aws-cdk-lib/aws-sns";
import { EmailSubscription } from "aws-cdk-lib/aws-sns-subscriptions";
import { Construct } from "constructs";
import { STALE_CLUSTERS_METRIC } from "../../src/lambda/stale-clusters-metric.ts";
import { TABLE_ACCESS } from "../table-access.ts";
import type { StatusFunction } from "./status-function.ts";

export interface MonitoringProps {
  /** Subscribe this address to a new topic. */
  alarmEmail?: string | undefined;
  /** Or send alarms to this existing topic. */
  alarmTopicArn?: string | undefined;
}

const FIVE_MINUTES = Duration.minutes(5);
// The DynamoDB operations the functions may call (their IAM actions): the alarms sum over these.
const TABLE_OPERATIONS = [...new Set(Object.values(TABLE_ACCESS).flatMap((access) => access.actions))].map(
  (action) => action.replace("dynamodb:", "") as Operation,
);

/**
 * Alarms, all sent to one SNS topic: either an existing one, or one this stack creates (subscribing
 * `alarmEmail` when given; with neither, subscribe to the topic output later).
 */
export class Monitoring extends Construct {
  readonly topic: ITopic;
  private readonly action: SnsAction;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    if (props.alarmTopicArn) {
      this.topic = Topic.fromTopicArn(this, "Topic", props.alarmTopicArn);
    } else {
      const topic = new Topic(this, "Topic", { displayName: "status-recorder alarms", enforceSSL: true });
      if (props.alarmEmail) topic.addSubscription(new EmailSubscription(props.alarmEmail));
      this.topic = topic;
    }
    this.action = new SnsAction(this.topic);
  }

  /** Errors and throttles of a function, and 5xx replies from its URL: each alarms on the first one. */
  watchFunction(name: string, fn: StatusFunction): void {
    this.alarm(`${name}Errors`, fn.fn.metricErrors({ period: FIVE_MINUTES, statistic: "Sum" }), {
      description: `${name} function: invocations failed (uncaught error, timeout or out of memory)`,
    });
    this.alarm(`${name}Throttles`, fn.fn.metricThrottles({ period: FIVE_MINUTES, statistic: "Sum" }), {
      description: `${name} function: invocations throttled (reserved or account concurrency exhausted)`,
    });
    this.alarm(`${name}Url5xx`, fn.metricUrl5xx(), {
      description: `${name} function URL: replies with a 5xx status (table unavailable or a bug)`,
    });
  }

  /** The table throttling requests (hot keys or on-demand scaling) or failing them itself. */
  watchTable(table: ITableV2): void {
    const options = { operations: TABLE_OPERATIONS, period: FIVE_MINUTES };
    this.alarm("TableThrottles", table.metricThrottledRequestsForOperations(options), {
      description: "status table: requests throttled",
    });
    this.alarm("TableSystemErrors", table.metricSystemErrorsForOperations(options), {
      description: "status table: DynamoDB failed requests with system (5xx) errors",
    });
  }

  /**
   * Stale clusters: the read function computes, on every render, how many registered relays have not
   * been seen within their staleness window, and publishes the count as an EMF log line
   * (src/lambda/stale-clusters-metric.ts). Prometheus scraping the read function keeps the metric fresh;
   * when nothing scrapes there is no data, which is not an alarm (a scraper alerts on its own `up`).
   */
  watchStaleClusters(tableName: string): void {
    const { namespace, name, dimension } = STALE_CLUSTERS_METRIC;
    const metric = new Metric({
      namespace,
      metricName: name,
      dimensionsMap: { [dimension]: tableName },
      statistic: "Maximum",
      period: FIVE_MINUTES,
    });
    this.alarm("StaleClusters", metric, {
      description: "a registered cluster's relay has not been seen within its staleness window",
      evaluationPeriods: 2,
    });
  }

  private alarm(id: string, metric: IMetric, options: { description: string; evaluationPeriods?: number }) {
    const alarm = new Alarm(this, id, {
      metric,
      threshold: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: options.evaluationPeriods ?? 1,
      // These metrics are only published when something happened: no data means all is well.
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: options.description,
    });
    alarm.addAlarmAction(this.action);
    alarm.addOkAction(this.action);
  }
}
