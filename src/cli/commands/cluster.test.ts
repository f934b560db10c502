import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createAesGcmSealer } from "../../store/secret-sealer.ts";
import { useTestTable } from "../../store/testing/test-store.ts";
import { fakeIo } from "../fake-io.ts";
import { runCli } from "../run-cli.ts";

const table = useTestTable();
const key = randomBytes(32);
const env = { STATUS_RECORDER_SEALING_KEY: key.toString("hex") };
const GENERATED = /^ {2}([A-Za-z0-9_-]{43})$/m;

/** Runs `status-recorder cluster …` against the test table with the sealing key in the environment. */
async function cluster(
  args: string[],
  files: Record<string, string> = {},
  environment: Record<string, string> = env,
) {
  const io = fakeIo(files, "", environment);
  const conn = ["--endpoint-url", table.db.endpoint, "--table", table.db.tableName];
  const code = await runCli(["cluster", ...args, ...conn], io);
  return { code, out: io.out, err: io.err };
}

const store = () => table.storeWith({ sealer: createAesGcmSealer(key) });
const secretsOf = async (name: string) => (await store().getClusterCredentials(name, new Date()))?.secrets;

describe("cluster add", () => {
  it("registers the cluster with a generated secret it prints once, with the kubectl command", async () => {
    const name = table.cluster();

    const { code, out } = await cluster(["add", name]);

    expect(code).toBe(0);
    const secret = out.match(GENERATED)?.[1];
    expect(await secretsOf(name)).toEqual([secret]);
    expect(out).toContain("shown only this once");
    expect(out).toContain(
      `kubectl create secret generic status-recorder-relay -n status-recorder --from-literal=secret=${secret}`,
    );
  });

  it("prints the overlay to apply in the cluster, with the endpoint and image given", async () => {
    const name = table.cluster();

    const { code, out } = await cluster([
      "add",
      name,
      "--endpoint",
      "https://abc.lambda-url.eu-west-1.on.aws/",
      "--image",
      "123456789012.dkr.ecr.eu-west-1.amazonaws.com/status-recorder-relay:0.1.0",
    ]);

    expect(code).toBe(0);
    expect(out).toContain("- ENDPOINT=https://abc.lambda-url.eu-west-1.on.aws/");
    expect(out).toContain(`- CLUSTER=${name}`);
    expect(out).toContain("newName: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/status-recorder-relay");
    expect(out).toContain(`kubectl apply -k ${name}/`);
  });

  it("uses the secret in --secret-file without echoing it", async () => {
    const name = table.cluster();
    const secret = "a-secret-from-a-file-0123456789";

    const { code, out } = await cluster(["add", name, "--secret-file", "relay.secret"], {
      "relay.secret": `${secret}\n`,
    });

    expect(code).toBe(0);
    expect(await secretsOf(name)).toEqual([secret]);
    expect(out).not.toContain(secret);
    expect(out).toContain("--from-file=secret=relay.secret");
  });

  it("refuses a secret file holding a short secret", async () => {
    const { code, err } = await cluster(["add", table.cluster(), "--secret-file", "s"], { s: "short\n" });

    expect(code).toBe(2);
    expect(err).toContain("--secret-file s: a secret needs at least 16 characters");
  });

  it("fails with exit 1 when the cluster is already registered, keeping its secret", async () => {
    const name = table.cluster();
    await cluster(["add", name]);
    const before = await secretsOf(name);

    const { code, err } = await cluster(["add", name]);

    expect(code).toBe(1);
    expect(err).toBe(`status-recorder cluster add: cluster "${name}" is already registered\n`);
    expect(await secretsOf(name)).toEqual(before);
  });

  it("fails with exit 1 on an invalid cluster name", async () => {
    const { code, err } = await cluster(["add", "Prod_EU"]);

    expect(code).toBe(1);
    expect(err).toContain('cluster name "Prod_EU" is invalid');
  });

  it("exits 2 when no cluster name is given", async () => {
    const { code, err } = await cluster(["add"]);

    expect(code).toBe(2);
    expect(err).toContain("missing cluster NAME\nusage: status-recorder cluster add NAME");
  });
});

describe("cluster list", () => {
  it("prints the registered clusters as a table without their secrets", async () => {
    const name = table.cluster();
    const { out: added } = await cluster(["add", name]);
    const secret = added.match(GENERATED)?.[1] ?? "unprintable";

    const { code, out } = await cluster(["list"]);

    expect(code).toBe(0);
    expect(out).toMatch(/^NAME +RELAY +LAST SEEN +CONFIG REVISION\n/);
    expect(out).toMatch(new RegExp(`^${name} +- +never +[0-9a-f]{16}$`, "m"));
    expect(out).not.toContain(secret);
  });

  it("prints name, relay version, last seen and config revision as JSON with --json", async () => {
    const name = table.cluster();
    await cluster(["add", name]);
    const record = await store().getCluster(name);
    if (!record) throw new Error("not registered");
    await store().touchCluster(record, { relayVersion: "0.3.1", at: new Date("2027-01-15T10:00:00Z") });

    const { code, out } = await cluster(["list", "--json"]);

    expect(code).toBe(0);
    const listed = (JSON.parse(out) as Array<Record<string, unknown>>).find((row) => row.name === name);
    expect(listed).toEqual({
      name,
      relayVersion: "0.3.1",
      lastSeen: "2027-01-15T10:00:00.000Z",
      configRevision: record.configRevision,
    });
  });

  it("needs no sealing key", async () => {
    const { code } = await cluster(["list"], {}, {});

    expect(code).toBe(0);
  });
});

describe("cluster rotate", () => {
  it("prints a new secret and keeps the old one valid for the grace period", async () => {
    const name = table.cluster();
    const old = (await cluster(["add", name])).out.match(GENERATED)?.[1];

    const { code, out } = await cluster(["rotate", name, "--grace", "30m"]);

    expect(code).toBe(0);
    const fresh = out.match(GENERATED)?.[1];
    expect(fresh).not.toBe(old);
    expect(await secretsOf(name)).toEqual([fresh, old]);
    const record = await store().getCluster(name);
    const graceMs = Date.parse(record?.previousValidUntil ?? "") - Date.parse(record?.secretRotatedAt ?? "");
    expect(graceMs).toBe(30 * 60_000);
    expect(out).toContain("--dry-run=client -o yaml | kubectl apply -f -");
  });

  it("ends the old secret at once with --grace 0s", async () => {
    const name = table.cluster();
    await cluster(["add", name]);

    const { out } = await cluster(["rotate", name, "--grace", "0s"]);

    expect(await secretsOf(name)).toEqual([out.match(GENERATED)?.[1]]);
    expect(out).toContain("the old one is no longer accepted");
  });

  it("fails with exit 1 for a cluster that is not registered", async () => {
    const { code, err } = await cluster(["rotate", "never-added"]);

    expect(code).toBe(1);
    expect(err).toBe('status-recorder cluster rotate: cluster "never-added" is not registered\n');
  });

  it("exits 2 on a grace that is not a duration", async () => {
    const { code, err } = await cluster(["rotate", table.cluster(), "--grace", "an hour"]);

    expect(code).toBe(2);
    expect(err).toContain('--grace: expected a duration such as 30m, 1h or 0s, got "an hour"');
  });
});

describe("cluster remove", () => {
  it("unregisters the cluster", async () => {
    const name = table.cluster();
    await cluster(["add", name]);

    const { code, out } = await cluster(["remove", name]);

    expect(code).toBe(0);
    expect(out).toContain(`Removed cluster "${name}"`);
    expect(await store().getCluster(name)).toBeUndefined();
  });

  it("fails with exit 1 for a cluster that is not registered", async () => {
    const { code, err } = await cluster(["remove", "never-added"]);

    expect(code).toBe(1);
    expect(err).toBe('status-recorder cluster remove: cluster "never-added" is not registered\n');
  });
});
