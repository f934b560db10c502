import { Match } from "aws-cdk-lib/assertions";
import { afterAll, describe, expect, it } from "vitest";
import { synthForTest, type TestSynthesis, validationReport } from "./testing/synth.ts";

// Each setting reaches the template. Every synthesis here still runs cdk-nag (a finding throws);
// CDK's CloudFormation schema check runs once, in infra/stack.test.ts.
const syntheses: TestSynthesis[] = [];
const synth = (context: Record<string, unknown>) => {
  const synthesis = synthForTest({ context, cfnValidation: false });
  syntheses.push(synthesis);
  return synthesis;
};
afterAll(() => {
  for (const s of syntheses) s.cleanup();
});

const fn = (s: TestSynthesis, description: string) =>
  Object.values(s.template.findResources("AWS::Lambda::Function")).find((f) =>
    String(f.Properties.Description).startsWith(description),
  )?.Properties;

describe("deployment settings", () => {
  it("size memory and reserve concurrency per function", () => {
    const s = synth({
      ingestMemoryMb: 768,
      readMemoryMb: 2048,
      ingestReservedConcurrency: 20,
      readReservedConcurrency: 5,
    });

    expect(fn(s, "status-recorder ingest")).toMatchObject({
      MemorySize: 768,
      ReservedConcurrentExecutions: 20,
    });
    expect(fn(s, "status-recorder read")).toMatchObject({
      MemorySize: 2048,
      ReservedConcurrentExecutions: 5,
    });
  });

  it("set log retention and the history TTL the ingest writes", () => {
    const s = synth({ logRetentionDays: 90, historyTtlDays: 7 });

    s.template.allResourcesProperties("AWS::Logs::LogGroup", { RetentionInDays: 90 });
    expect(fn(s, "status-recorder ingest")?.Environment.Variables.HISTORY_TTL_DAYS).toBe("7");
  });

  it("subscribe an alarm email to the new topic", () => {
    const s = synth({ alarmEmail: "ops@example.com" });

    s.template.hasResourceProperties("AWS::SNS::Subscription", {
      Protocol: "email",
      Endpoint: "ops@example.com",
    });
  });

  it("send alarms to an existing topic instead of creating one", () => {
    const topic = "arn:aws:sns:eu-west-1:123456789012:ops-alarms";
    const s = synth({ alarmTopicArn: topic });

    s.template.resourceCountIs("AWS::SNS::Topic", 0);
    s.template.allResourcesProperties("AWS::CloudWatch::Alarm", { AlarmActions: [topic] });
  });

  it("let a trial deployment be torn down: no retention, no deletion protection", () => {
    const s = synth({ removalPolicy: "destroy" });

    s.template.hasResource("AWS::DynamoDB::GlobalTable", {
      DeletionPolicy: "Delete",
      Properties: Match.objectLike({ Replicas: [Match.objectLike({ DeletionProtectionEnabled: false })] }),
    });
    s.template.hasResource("AWS::SecretsManager::Secret", { DeletionPolicy: "Delete" });
  });

  it("name the table", () => {
    const s = synth({ tableName: "fleet-status" });

    s.template.hasResourceProperties("AWS::DynamoDB::GlobalTable", { TableName: "fleet-status" });
  });
});

describe("replica regions", () => {
  let s: TestSynthesis;
  const replica = () => {
    s ??= synth({ replicaRegions: "us-east-1,ap-southeast-2" });
    return s;
  };

  it("add a replica of the table per region, each with point-in-time recovery", () => {
    const regions = replica().template.findResources("AWS::DynamoDB::GlobalTable");
    const replicas = Object.values(regions)[0]?.Properties.Replicas as { Region: unknown }[];

    expect(replicas.map((r) => r.Region)).toEqual(["us-east-1", "ap-southeast-2", "eu-west-1"]);
    for (const r of replicas)
      expect(r).toMatchObject({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } });
  });

  it("deploy a read function per replica region, reading that region's replica only", () => {
    const stack = replica().assembly.getStackByName("StatusRecorderRead-ap-southeast-2");
    const template = replica().templates["StatusRecorderRead-ap-southeast-2"];

    expect(stack.environment.region).toBe("ap-southeast-2");
    expect(stack.dependencies.map((d) => d.id)).toContain("StatusRecorder");
    template?.resourceCountIs("AWS::Lambda::Function", 1);
    template?.hasResourceProperties("AWS::IAM::Policy", {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: "StatusTableRead",
            Resource: Match.arrayWith([
              { "Fn::Join": ["", Match.arrayWith([Match.stringLikeRegexp(":dynamodb:ap-southeast-2:")])] },
            ]),
          }),
        ]),
      },
    });
    expect(Object.keys(template?.findOutputs("*") ?? {})).toContain("ReadUrl");
  });

  it("keep the ingest in the primary region alone", () => {
    const functions = Object.values(replica().templates).flatMap((t) =>
      Object.values(t.findResources("AWS::Lambda::Function")).map((f) => String(f.Properties.Description)),
    );

    expect(functions.filter((d) => d.startsWith("status-recorder ingest"))).toHaveLength(1);
    expect(functions.filter((d) => d.startsWith("status-recorder read"))).toHaveLength(3);
  });

  it("pass cdk-nag in every region", () => {
    const nag = validationReport(replica()).pluginReports.find((r) => r.pluginName === "AwsSolutions");

    expect(nag?.violations).toEqual([]);
  });
});
