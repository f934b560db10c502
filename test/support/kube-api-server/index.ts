// The test Kubernetes API server: start one, point client-node (or the relay) at it with a kubeconfig.
//
//   const server = await KubeApiServer.start({ bookmarkIntervalMs: 0 });
//   const kc = kubeconfigFor(server);            // or kubeconfigYaml(server) for a file
//   server.apply(loadFixture("deployment/available.yaml"));
//   await server.waitForWatches(1);              // the client under test is watching
//   server.dropWatches(); server.expireHistory(); server.forbid("pods"); server.failNext("pods", 500);
//   await server.close();
export { BUILT_IN_RESOURCES } from "./built-in-resources.ts";
export type { FailOptions } from "./faults.ts";
export { KubeApiServer, type KubeApiServerOptions } from "./kube-api-server.ts";
export { type KubeconfigOptions, kubeconfigFor, kubeconfigYaml } from "./kubeconfig.ts";
export type { ObjectRef } from "./object-ref.ts";
export type { RecordedRequest } from "./request-log.ts";
export { defineResource, type ResourceDefinition, type ResourceType } from "./resource-type.ts";
export type { Status } from "./status.ts";
