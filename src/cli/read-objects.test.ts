import { describe, expect, it } from "vitest";
import { readObjects } from "./read-objects.ts";

const names = (text: string) =>
  readObjects(text, "in.yaml").objects.map((o) => `${o.object.kind}/${o.object.metadata?.name}`);

describe("readObjects", () => {
  it("reads every document of a YAML stream, skipping empty ones", () => {
    const text =
      "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: b}\n";

    expect(names(text)).toEqual(["ConfigMap/a", "Secret/b"]);
  });

  it("numbers documents as they appear in the file", () => {
    const text =
      "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: b}\n";

    expect(readObjects(text, "in.yaml").objects.map((o) => o.document)).toEqual([1, 2]);
  });

  it("reads a JSON document", () => {
    expect(names('{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a"}}')).toEqual([
      "ConfigMap/a",
    ]);
  });

  it("expands a List into its items", () => {
    const text = `apiVersion: v1
kind: List
metadata: {resourceVersion: ""}
items:
- {apiVersion: apps/v1, kind: Deployment, metadata: {name: web}}
- {apiVersion: v1, kind: Service, metadata: {name: web}}
`;

    expect(names(text)).toEqual(["Deployment/web", "Service/web"]);
  });

  it("gives the items of a typed list the list's kind and apiVersion", () => {
    const text = '{"apiVersion": "v1", "kind": "PodList", "items": [{"metadata": {"name": "p"}}]}';

    expect(readObjects(text, "pods.json").objects[0]?.object).toMatchObject({
      apiVersion: "v1",
      kind: "Pod",
    });
  });

  it("names the file and document of a document that does not parse, and reads the others", () => {
    const text =
      "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\nkind: [\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: b}\n";

    const result = readObjects(text, "in.yaml");

    expect(result.objects.map((o) => o.object.kind)).toEqual(["ConfigMap", "Secret"]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatch(/^in\.yaml: document 2: .*line \d+, column \d+$/);
  });

  it("rejects a document that is not an object", () => {
    expect(readObjects("just text\n", "in.yaml").errors).toEqual([
      "in.yaml: document 1: not a Kubernetes object",
    ]);
  });

  it("rejects an object without apiVersion and kind", () => {
    expect(readObjects("metadata: {name: a}\n", "in.yaml").errors).toEqual([
      "in.yaml: document 1: not a Kubernetes object (apiVersion and kind are required)",
    ]);
  });

  it("names a bad item of a List", () => {
    const result = readObjects('{"apiVersion": "v1", "kind": "List", "items": [42]}', "in.json");

    expect(result.errors).toEqual(["in.json: document 1: items[0]: not a Kubernetes object"]);
  });
});
