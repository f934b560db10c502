import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";
import type { KubeObject } from "../../src/interpret/kube-object.ts";

export const FIXTURES_DIR = fileURLToPath(new URL("../fixtures/objects/", import.meta.url));

/** Loads one fixture object: `loadFixture("deployment/rollout-stuck.yaml")`. */
export function loadFixture(path: string): KubeObject {
  const docs = parseAllDocuments(readFileSync(join(FIXTURES_DIR, path), "utf8"));
  const first = docs[0];
  if (!first || first.errors.length > 0) throw new Error(`fixture ${path} is not valid YAML`);
  return first.toJS() as KubeObject;
}

/** Every fixture object under test/fixtures/objects, with its path relative to that folder. */
export function allFixtures(): { path: string; object: KubeObject }[] {
  const out: { path: string; object: KubeObject }[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.ya?ml$/.test(name))
        out.push({ path: relative(FIXTURES_DIR, full), object: loadFixture(relative(FIXTURES_DIR, full)) });
    }
  };
  walk(FIXTURES_DIR);
  return out;
}
