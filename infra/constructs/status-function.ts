import { Duration, type RemovalPolicy, Validations } from "aws-cdk-lib";
import { Metric } from "aws-cdk-lib/aws-cloudwatch";
import { Role, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { Architecture, FunctionUrlAuthType, InvokeMode, Runtime } from "aws-cdk-lib/aws-lambda";
import { NodejsFunction } from "aws-cdk-lib/aws-lambda-nodejs";
import { LogGroup, type RetentionDays } from "aws-cdk-lib/aws-logs";
import { Construct } from "constructs";
import { assertLocalEsbuild, FUNCTION_BUNDLING, PROJECT_ROOT } from "../bundling.ts";

export interface StatusFunctionProps {
  /** Path of the one-line entry file (functions/*.ts). */
  entry: string;
  description: string;
  memoryMb: number;
  timeout: Duration;
  reservedConcurrency?: number | undefined;
  environment: Record<string, string>;
  logRetention: RetentionDays;
  removalPolicy: RemovalPolicy;
}

/**
 * One HTTP function: a Node 22 arm64 Lambda bundled locally by esbuild, its own log group with a
 * retention, a role that may write to that log group and nothing else until the stack grants more, and
 * a Function URL.
 *
 * Why Function URLs and not an API Gateway HTTP API: both functions authenticate every request
 * themselves (HMAC signatures for relays, bearer tokens for readers), so an API in front would add
 * cost ($1 per million requests) and a 30 s integration timeout while checking nothing. The URL's auth
 * type is NONE for that reason; reserved concurrency caps what a flood of requests can cost. An HTTP
 * API remains the way to get a custom domain without CloudFront, or per-route throttling.
 */
export class StatusFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly url: string;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: StatusFunctionProps) {
    super(scope, id);
    assertLocalEsbuild();
    this.logGroup = new LogGroup(this, "Logs", {
      retention: props.logRetention,
      removalPolicy: props.removalPolicy,
    });
    const role = new Role(this, "Role", {
      assumedBy: new ServicePrincipal("lambda.amazonaws.com"),
      description: `${props.description}: logs to its own group, table access granted by the stack`,
    });
    this.logGroup.grantWrite(role);

    this.fn = new NodejsFunction(this, "Function", {
      entry: props.entry,
      handler: "handler",
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memoryMb,
      timeout: props.timeout,
      ...(props.reservedConcurrency === undefined
        ? {}
        : { reservedConcurrentExecutions: props.reservedConcurrency }),
      environment: props.environment,
      role,
      logGroup: this.logGroup,
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: `${PROJECT_ROOT}/package-lock.json`,
      bundling: FUNCTION_BUNDLING,
    });
    // Grants land in the role's default policy after this point; depending on the whole role (policy
    // included) keeps CloudFormation from creating the function before it may log or read the table.
    this.fn.node.addDependency(role);
    Validations.of(this.fn).acknowledge({
      id: "AwsSolutions::AwsSolutions-L1",
      reason:
        "Node.js 22 on purpose: it is the runtime the project targets and tests on (package.json engines, " +
        "the node@22 devDependency); moving to a newer runtime is a tested upgrade, not a synthesis default.",
    });

    this.url = this.fn.addFunctionUrl({
      authType: FunctionUrlAuthType.NONE,
      invokeMode: InvokeMode.BUFFERED,
    }).url;
  }

  /** Responses the function URL answered with 5xx: app errors the function turned into replies. */
  metricUrl5xx(): Metric {
    return new Metric({
      namespace: "AWS/Lambda",
      metricName: "Url5xxCount",
      dimensionsMap: { FunctionName: this.fn.functionName },
      statistic: "Sum",
      period: Duration.minutes(5),
    });
  }
}
