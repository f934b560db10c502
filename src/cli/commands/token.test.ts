import { describe, expect, it } from "vitest";
import { hashReadToken } from "../../store/read-token.ts";
import { useTestTable } from "../../store/testing/test-store.ts";
import { fakeIo } from "../fake-io.ts";
import { runCli } from "../run-cli.ts";
import { tokenCommands } from "./token.ts";

const table = useTestTable();
const PRINTED = /^ {2}(srr_[A-Za-z0-9_-]{43})$/m;

/** Runs `status-recorder token …` against the test table; no sealing key is needed. */
async function token(args: string[]) {
  const io = fakeIo();
  const conn = ["--endpoint-url", table.db.endpoint, "--table", table.db.tableName];
  const code = await runCli(["token", ...args, ...conn], io, [tokenCommands]);
  return { code, out: io.out, err: io.err };
}

describe("token create", () => {
  it("prints a new token once and stores only its hash, with its clusters and expiry", async () => {
    const { code, out } = await token([
      "create",
      "grafana",
      "--cluster",
      "edge-1",
      "--cluster",
      "edge-2",
      "--expires",
      "30d",
    ]);

    expect(code).toBe(0);
    const secret = out.match(PRINTED)?.[1] ?? "";
    expect(out).toContain("shown only this once");
    const stored = await table.store.findReadToken(hashReadToken(secret));
    expect(stored).toMatchObject({ name: "grafana", clusters: ["edge-1", "edge-2"], revoked: false });
    expect(Date.parse(stored?.expiresAt ?? "") - Date.now()).toBeGreaterThan(29 * 86_400_000);
  });

  it("refuses an expiry that is not a duration", async () => {
    const { code, err } = await token(["create", "grafana", "--expires", "soon"]);

    expect(code).toBe(2);
    expect(err).toContain('--expires: expected a duration such as 12h or 30d, got "soon"');
  });

  it("refuses a name that is not DNS-label-like", async () => {
    const { code, err } = await token(["create", "Grafana Cloud"]);

    expect(code).toBe(1);
    expect(err).toContain('token name "Grafana Cloud" is invalid');
  });
});

describe("token list", () => {
  it("shows ids, names, clusters and state, never a token", async () => {
    const created = await token(["create", "listed", "--cluster", "edge-9"]);
    const secret = created.out.match(PRINTED)?.[1] ?? "";

    const { code, out } = await token(["list"]);

    expect(code).toBe(0);
    expect(out).toMatch(/^ID\s+NAME\s+CLUSTERS\s+CREATED\s+EXPIRES\s+STATE$/m);
    expect(out).toMatch(/^rt_[0-9a-f]{12}\s+listed\s+edge-9\s+\S+\s+never\s+active$/m);
    expect(out).not.toContain(secret);
  });
});

describe("token revoke", () => {
  it("revokes by name", async () => {
    const created = await token(["create", "to-revoke"]);
    const secret = created.out.match(PRINTED)?.[1] ?? "";

    const { code, out } = await token(["revoke", "to-revoke"]);

    expect(code).toBe(0);
    expect(out).toMatch(/^Revoked read token "to-revoke" \(rt_[0-9a-f]{12}\)\.$/m);
    expect((await table.store.findReadToken(hashReadToken(secret)))?.revoked).toBe(true);
  });

  it("revokes one token by the id list shows", async () => {
    await token(["create", "rotated"]);
    const [first] = JSON.parse((await token(["list", "--json"])).out).filter(
      (t: { name: string }) => t.name === "rotated",
    ) as { id: string }[];

    const { code } = await token(["revoke", first?.id ?? ""]);
    const after = JSON.parse((await token(["list", "--json"])).out) as { id: string; state: string }[];

    expect(code).toBe(0);
    expect(after.find((t) => t.id === first?.id)?.state).toBe("revoked");
  });

  it("fails when no unrevoked token has that name", async () => {
    const { code, err } = await token(["revoke", "nobody"]);

    expect(code).toBe(1);
    expect(err).toContain('no unrevoked read token is named or has the id "nobody"');
  });
});
