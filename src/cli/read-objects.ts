import { parseAllDocuments } from "yaml";
import { isRecord, type KubeObject } from "../interpret/kube-object.ts";

/** An object read from a file, with the number of the document it came from (counting from 1). */
export interface SourceObject {
  document: number;
  object: KubeObject;
}

export interface ReadResult {
  objects: SourceObject[];
  /** One line per unreadable document, naming the file and the document number. */
  errors: string[];
}

/**
 * The Kubernetes objects in a file's text: YAML or JSON, any number of documents, `List`s (as
 * `kubectl get -o yaml` prints them) expanded into their items. Empty documents are skipped.
 */
export function readObjects(text: string, source: string): ReadResult {
  const result: ReadResult = { objects: [], errors: [] };
  const json = parseJson(text);
  if (json.ok) {
    addDocument(result, `${source}: document 1`, 1, json.value);
    return result;
  }
  for (const [index, document] of parseAllDocuments(text).entries()) {
    const where = `${source}: document ${index + 1}`;
    const syntax = document.errors[0];
    if (syntax) {
      result.errors.push(`${where}: ${firstLine(syntax.message)}`);
      continue;
    }
    if (document.contents === null) continue;
    try {
      addDocument(result, where, index + 1, document.toJS());
    } catch (error) {
      // A document can parse yet not convert, e.g. when its aliases expand too far.
      result.errors.push(`${where}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return result;
}

// `kubectl get -o json` prints one large document; JSON.parse reads it far faster than a YAML parser.
function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  const start = text.trimStart()[0];
  if (start !== "{" && start !== "[") return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function addDocument(result: ReadResult, where: string, document: number, value: unknown): void {
  if (!isRecord(value)) {
    result.errors.push(`${where}: not a Kubernetes object`);
    return;
  }
  if (typeof value.kind !== "string" || !value.kind.endsWith("List") || !Array.isArray(value.items)) {
    addObject(result, where, document, value);
    return;
  }
  // Typed lists (a PodList from the API) leave kind and apiVersion off their items.
  const itemKind = value.kind === "List" ? undefined : value.kind.slice(0, -"List".length);
  for (const [index, item] of value.items.entries()) {
    const itemWhere = `${where}: items[${index}]`;
    if (!isRecord(item)) result.errors.push(`${itemWhere}: not a Kubernetes object`);
    else if (itemKind && item.kind === undefined) {
      addObject(result, itemWhere, document, { apiVersion: value.apiVersion, kind: itemKind, ...item });
    } else addObject(result, itemWhere, document, item);
  }
}

function addObject(
  result: ReadResult,
  where: string,
  document: number,
  value: Record<string, unknown>,
): void {
  if (typeof value.apiVersion !== "string" || typeof value.kind !== "string") {
    result.errors.push(`${where}: not a Kubernetes object (apiVersion and kind are required)`);
    return;
  }
  result.objects.push({ document, object: value as KubeObject });
}

// The yaml package's message ends with a code frame; its first line already has the line and column.
function firstLine(message: string): string {
  return (message.split("\n", 1)[0] ?? message).replace(/:$/, "");
}
