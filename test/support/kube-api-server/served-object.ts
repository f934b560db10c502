import type { KubeObject } from "../../../src/interpret/kube-object.ts";
import { apiVersionOf, type ResourceType } from "./resource-type.ts";

/** An object as served at one version: the stored object with that apiVersion, kind and apiVersion first. */
export function servedObject(rt: ResourceType, version: string, obj: KubeObject): KubeObject {
  const { kind: _kind, apiVersion: _apiVersion, ...rest } = obj;
  return { kind: rt.kind, apiVersion: apiVersionOf(rt.group, version), ...rest };
}

/** A list item: built-in lists drop kind and apiVersion from every item; custom resources keep them. */
export function listItem(rt: ResourceType, version: string, obj: KubeObject): KubeObject {
  if (rt.custom) return servedObject(rt, version, obj);
  const { kind: _kind, apiVersion: _apiVersion, ...rest } = obj;
  return rest;
}
