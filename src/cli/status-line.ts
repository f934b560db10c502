import type { Interpreter } from "../interpret/interpret.ts";
import type { KubeObject } from "../interpret/kube-object.ts";
import type { ObjectStatus } from "../model/object-status.ts";
import { readObjects } from "./read-objects.ts";

/** What `interpret` prints for one object: its identity, then its status. */
export function statusLine(obj: KubeObject, status: ObjectStatus): string {
  const line: Record<string, unknown> = {
    apiVersion: obj.apiVersion,
    kind: obj.kind,
    namespace: obj.metadata?.namespace ?? "",
    name: obj.metadata?.name ?? "",
    health: status.health,
    kstatus: status.kstatus,
    message: status.message,
  };
  if (status.phase !== undefined) line.phase = status.phase;
  if (status.components !== undefined) line.components = status.components;
  if (status.values !== undefined) line.values = status.values;
  return JSON.stringify(line);
}

export interface InterpretedText {
  /** One JSON line per object, in the order of the file. */
  lines: string[];
  /** Documents that could not be read, naming the file and document. */
  unreadable: string[];
  /** Objects the interpreter failed on. */
  failed: string[];
}

/** Reads a file's text and interprets every object in it; no I/O. */
export function interpretText(text: string, source: string, interpret: Interpreter): InterpretedText {
  const { objects, errors } = readObjects(text, source);
  const out: InterpretedText = { lines: [], unreadable: errors, failed: [] };
  for (const { document, object } of objects) {
    try {
      out.lines.push(statusLine(object, interpret(object)));
    } catch (error) {
      const name = `${object.kind}/${object.metadata?.name ?? ""}`;
      out.failed.push(`${source}: document ${document}: cannot interpret ${name}: ${String(error)}`);
    }
  }
  return out;
}
