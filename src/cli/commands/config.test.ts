import { describe, expect, it } from "vitest";
import { useTestTable } from "../../store/testing/test-store.ts";
import { fakeIo } from "../fake-io.ts";
import { runCli } from "../run-cli.ts";

// The fleet default is one per table: every test that applies one applies DEFAULT, so they agree.
const table = useTestTable();

const DEFAULT = "# fleet default\nstaleAfter: 2m\nwatch:\n  - {apiVersion: apps/v1, kind: Deployment}\n";
const OVERRIDE = "staleAfter: 10m\n";

async function config(args: string[], files: Record<string, string> = {}, stdin = "") {
  const io = fakeIo(files, stdin);
  const conn = ["--endpoint-url", table.db.endpoint, "--table", table.db.tableName];
  const code = await runCli(["config", ...args, ...conn], io);
  return { code, out: io.out, err: io.err };
}

async function registered(secret = "the-cluster-secret-0123456789") {
  const name = table.cluster();
  await table.store.createCluster(name, secret, new Date());
  return name;
}

describe("config apply", () => {
  it("stores a valid document as the fleet default and prints its revision", async () => {
    const { code, out } = await config(["apply", "fleet.yaml"], { "fleet.yaml": DEFAULT });

    expect(code).toBe(0);
    const stored = await table.store.getConfig({});
    expect(stored?.raw).toBe(DEFAULT);
    expect(out).toBe(`Stored the fleet default config, revision ${stored?.revision}.\n`);
  });

  it("stores the document as written, without defaults, so an override replaces only its own keys", async () => {
    const name = await registered();
    await config(["apply", "fleet.yaml"], { "fleet.yaml": DEFAULT });

    const { code, out } = await config(["apply", "-", "--cluster", name], {}, OVERRIDE);

    expect(code).toBe(0);
    expect((await table.store.getConfig({ cluster: name }))?.document).toEqual({ staleAfter: "10m" });
    const effective = await table.store.getEffectiveConfig(name);
    expect(effective.document).toEqual({
      staleAfter: "10m",
      watch: [{ apiVersion: "apps/v1", kind: "Deployment" }],
    });
    expect(out).toContain(`its effective config is revision ${effective.revision}`);
  });

  it("stores nothing and exits 1 when the document is invalid, naming file, rule and field", async () => {
    const name = await registered();
    const invalid = "rules:\n  - {apiVersion: example.com/v1, kind: Widget}\nstaleAfter: soon\n";

    const { code, err } = await config(["apply", "bad.yaml", "--cluster", name], { "bad.yaml": invalid });

    expect(code).toBe(1);
    expect(err).toContain("status-recorder config apply: bad.yaml: rules[0] (example.com/Widget): health: ");
    expect(err).toContain("status-recorder config apply: bad.yaml: staleAfter: expected a positive duration");
    expect(await table.store.getConfig({ cluster: name })).toBeUndefined();
  });

  it("exits 1 when the file cannot be read", async () => {
    const { code, err } = await config(["apply", "missing.yaml"]);

    expect(code).toBe(1);
    expect(err).toBe("status-recorder config apply: missing.yaml: cannot read: no such file\n");
  });

  it("refuses an override for a cluster that is not registered", async () => {
    const { code, err } = await config(["apply", "o.yaml", "--cluster", "never-added"], {
      "o.yaml": OVERRIDE,
    });

    expect(code).toBe(1);
    expect(err).toBe('status-recorder config apply: cluster "never-added" is not registered\n');
    expect(await table.store.getConfig({ cluster: "never-added" })).toBeUndefined();
  });
});

describe("config show", () => {
  it("prints the stored text exactly as applied, with its revision on stderr", async () => {
    const name = await registered();
    await config(["apply", "o.yaml", "--cluster", name], { "o.yaml": "# keep this comment\nstaleAfter: 1m" });

    const { code, out, err } = await config(["show", "--cluster", name]);

    expect(code).toBe(0);
    expect(out).toBe("# keep this comment\nstaleAfter: 1m\n");
    const revision = (await table.store.getConfig({ cluster: name }))?.revision;
    expect(err).toContain(`config override for cluster "${name}", revision ${revision}`);
  });

  it("prints a cluster's effective config as YAML headed by its revision, and never its secret", async () => {
    const secret = "never-print-this-secret-0123456789";
    const name = await registered(secret);
    await config(["apply", "fleet.yaml"], { "fleet.yaml": DEFAULT });
    await config(["apply", "o.yaml", "--cluster", name], { "o.yaml": OVERRIDE });

    const { code, out } = await config(["show", "--cluster", name, "--effective"]);

    expect(code).toBe(0);
    const { revision } = await table.store.getEffectiveConfig(name);
    expect(out).toBe(
      `# effective config of cluster "${name}", revision ${revision}\n` +
        "staleAfter: 10m\nwatch:\n  - apiVersion: apps/v1\n    kind: Deployment\n",
    );
    expect(out).not.toContain(secret);
  });

  it("exits 1 when no override is stored for the cluster", async () => {
    const name = await registered();

    const { code, err } = await config(["show", "--cluster", name]);

    expect(code).toBe(1);
    expect(err).toBe(`status-recorder config show: no config override for cluster "${name}" is stored\n`);
  });

  it("exits 2 when --effective is given without --cluster", async () => {
    const { code, err } = await config(["show", "--effective"]);

    expect(code).toBe(2);
    expect(err).toContain("--effective needs --cluster NAME");
  });
});
