import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { contextNamespace, KubeConfigError, loadKubeConfig } from "./kube-config.ts";

let dir: string;
let file: string;

// Two clusters in one file, as `kubectl config view --flatten` writes them.
const KUBECONFIG = `apiVersion: v1
kind: Config
clusters:
- name: a
  cluster:
    server: https://a.example:6443
- name: b
  cluster:
    server: https://b.example:6443
users:
- name: a
  user:
    token: token-a
- name: b
  user:
    token: token-b
contexts:
- name: a
  context:
    cluster: a
    user: a
    namespace: team-a
- name: b
  context:
    cluster: b
    user: b
current-context: a
`;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "status-recorder-kubeconfig-"));
  file = join(dir, "config");
  writeFileSync(file, KUBECONFIG);
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("loadKubeConfig", () => {
  it("uses the file's current context, and its namespace", () => {
    const kc = loadKubeConfig({ file });

    expect(kc.getCurrentCluster()?.server).toBe("https://a.example:6443");
    expect(contextNamespace(kc)).toBe("team-a");
  });

  it("switches to the context asked for", () => {
    const kc = loadKubeConfig({ file, context: "b" });

    expect(kc.getCurrentCluster()?.server).toBe("https://b.example:6443");
    expect(contextNamespace(kc)).toBeUndefined();
  });

  it("names the contexts there are when the one asked for is not among them", () => {
    expect(() => loadKubeConfig({ file, context: "c" })).toThrow(
      new KubeConfigError(`${file} has no context "c"; it has: a, b`),
    );
  });

  it("says so when the file is not there", () => {
    expect(() => loadKubeConfig({ file: join(dir, "absent") })).toThrow("cannot load: no such file");
  });
});
