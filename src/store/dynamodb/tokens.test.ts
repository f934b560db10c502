import { ScanCommand } from "@aws-sdk/client-dynamodb";
import { describe, expect, it } from "vitest";
import { InvalidClusterNameError, InvalidTokenNameError, TokenNotFoundError } from "../errors.ts";
import { generateReadToken, hashReadToken } from "../read-token.ts";
import { useTestTable } from "../testing/test-store.ts";
import { at } from "../testing/wire-events.ts";

const t = useTestTable();

/** A stored token with a fresh name, and the secret that was shown for it. */
async function created(options: { name?: string; clusters?: string[]; expiresAt?: Date } = {}) {
  const token = generateReadToken();
  const name = options.name ?? `reader-${t.cluster()}`;
  const record = await t.store.createReadToken(hashReadToken(token), { ...options, name }, at(0));
  return { token, record };
}

describe("read tokens in the table", () => {
  it("are found by the hash of the token, with their name, scope and cluster allowlist", async () => {
    const { token, record } = await created({ clusters: ["edge-1", "edge-2"], expiresAt: at(3600) });

    const found = await t.store.findReadToken(hashReadToken(token));

    expect(found).toEqual(record);
    expect(found).toMatchObject({
      scope: "read",
      clusters: ["edge-1", "edge-2"],
      revoked: false,
      createdAt: at(0).toISOString(),
      expiresAt: at(3600).toISOString(),
    });
    expect(found?.id).toMatch(/^rt_[0-9a-f]{12}$/);
  });

  it("never store the token itself", async () => {
    const { token } = await created();

    const items = await t.db.client.send(new ScanCommand({ TableName: t.db.tableName }));

    expect(JSON.stringify(items.Items)).not.toContain(token);
  });

  it("are not found by an unknown token", async () => {
    expect(await t.store.findReadToken(hashReadToken(generateReadToken()))).toBeUndefined();
  });

  it("refuse a name that is not DNS-label-like, and a bad cluster name", async () => {
    await expect(created({ name: "Bad Name" })).rejects.toBeInstanceOf(InvalidTokenNameError);
    await expect(created({ clusters: ["UPPER"] })).rejects.toBeInstanceOf(InvalidClusterNameError);
  });

  it("are revoked by name, every unrevoked one of that name", async () => {
    const name = `ci-${t.cluster()}`;
    const first = await created({ name });
    const second = await created({ name });

    const revoked = await t.store.revokeReadTokens(name, at(60));

    expect(revoked.map((r) => r.id).sort()).toEqual([first.record.id, second.record.id].sort());
    expect(await t.store.findReadToken(hashReadToken(first.token))).toMatchObject({
      revoked: true,
      revokedAt: at(60).toISOString(),
    });
  });

  it("are revoked by id, leaving others of the same name alone", async () => {
    const name = `rotate-${t.cluster()}`;
    const old = await created({ name });
    const replacement = await created({ name });

    await t.store.revokeReadTokens(old.record.id, at(60));

    expect((await t.store.findReadToken(hashReadToken(old.token)))?.revoked).toBe(true);
    expect((await t.store.findReadToken(hashReadToken(replacement.token)))?.revoked).toBe(false);
  });

  it("report a name or id that matches no unrevoked token", async () => {
    const { record } = await created();
    await t.store.revokeReadTokens(record.name, at(1));

    await expect(t.store.revokeReadTokens(record.name, at(2))).rejects.toBeInstanceOf(TokenNotFoundError);
    await expect(t.store.revokeReadTokens("rt_000000000000", at(2))).rejects.toBeInstanceOf(
      TokenNotFoundError,
    );
  });

  it("are listed oldest first without any secret", async () => {
    const { record } = await created();

    const listed = await t.store.listReadTokens();

    expect(listed).toContainEqual(record);
    expect(Object.keys(record).sort()).toEqual(["createdAt", "id", "name", "revoked", "scope"]);
  });
});
