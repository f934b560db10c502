import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TABLE_ACCESS } from "./table-access.ts";
import { synthForTest, type TestSynthesis } from "./testing/synth.ts";

interface Statement {
  Sid?: string;
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

let synthesis: TestSynthesis;
beforeAll(() => {
  synthesis = synthForTest({ cfnValidation: false });
});
afterAll(() => synthesis.cleanup());

const list = <T>(v: T | T[]): T[] => (Array.isArray(v) ? v : [v]);
const policies = () => Object.entries(synthesis.template.findResources("AWS::IAM::Policy"));
/** The statements of the role whose logical id starts with `rolePrefix`. */
function statementsOf(rolePrefix: string): Statement[] {
  return policies()
    .filter(([, p]) => p.Properties.Roles.some((r: { Ref: string }) => r.Ref.startsWith(rolePrefix)))
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Statement[]);
}
const WRITE =
  /^dynamodb:(Put|Update|Delete|BatchWrite|TransactWrite|PartiQLInsert|PartiQLUpdate|PartiQLDelete)/;
const TABLE_ARN = { "Fn::GetAtt": [expect.stringMatching(/^StatusTable/), "Arn"] };

describe("IAM", () => {
  it("grants no wildcard action and no wildcard resource anywhere", () => {
    const statements = policies().flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Statement[]);

    for (const s of statements) {
      for (const action of list(s.Action)) expect(action).not.toMatch(/\*/);
      for (const resource of list(s.Resource)) expect(JSON.stringify(resource)).not.toMatch(/"\*"|\/\*"/);
    }
  });

  it("gives the ingest exactly its table actions, on the table only", () => {
    const table = statementsOf("IngestRole").find((s) => s.Sid === "StatusTableIngest");

    expect(table?.Action).toEqual([...TABLE_ACCESS.ingest.actions]);
    expect(table?.Resource).toEqual(TABLE_ARN);
  });

  it("gives the read function only reads, on the table and each index by name", () => {
    const table = statementsOf("ReadApiReadRole").find((s) => s.Sid === "StatusTableRead");

    expect(table?.Action).toEqual(["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query"]);
    expect(table?.Resource).toEqual([
      TABLE_ARN,
      { "Fn::Join": ["", [TABLE_ARN, "/index/gsi1"]] },
      { "Fn::Join": ["", [TABLE_ARN, "/index/gsi2"]] },
    ]);
  });

  it("lets the read role write nothing to the table", () => {
    const actions = statementsOf("ReadApiReadRole").flatMap((s) => list(s.Action));

    expect(actions.filter((a) => WRITE.test(a))).toEqual([]);
  });

  it("lets only the ingest read the sealing key, with GetSecretValue alone", () => {
    const secretStatements = policies()
      .flatMap(([id, p]) => (p.Properties.PolicyDocument.Statement as Statement[]).map((s) => ({ id, s })))
      .filter(({ s }) => list(s.Action).some((a) => a.startsWith("secretsmanager:")));

    expect(secretStatements).toHaveLength(1);
    expect(secretStatements[0]?.id).toMatch(/^IngestRole/);
    expect(secretStatements[0]?.s.Action).toBe("secretsmanager:GetSecretValue");
    expect(secretStatements[0]?.s.Resource).toEqual({ Ref: expect.stringMatching(/^SealingKeySecret/) });
  });

  it("lets each function write only to its own log group", () => {
    for (const [role, group] of [
      ["IngestRole", /^IngestLogs/],
      ["ReadApiReadRole", /^ReadApiReadLogs/],
    ] as const) {
      const logs = statementsOf(role).filter((s) => list(s.Action).some((a) => a.startsWith("logs:")));

      expect(logs).toEqual([
        expect.objectContaining({
          Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
          Resource: { "Fn::GetAtt": [expect.stringMatching(group), "Arn"] },
        }),
      ]);
    }
  });

  it("attaches no managed policy to the function roles", () => {
    const roles = Object.values(synthesis.template.findResources("AWS::IAM::Role"));

    for (const role of roles) expect(role.Properties.ManagedPolicyArns).toBeUndefined();
  });
});
