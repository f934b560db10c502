import type { KindInterpreter } from "../kind-interpreter.ts";
import { apiregistrationKinds } from "./apiregistration.ts";
import { appsKinds } from "./apps.ts";
import { argoApplicationKinds } from "./argo-application.ts";
import { argoRolloutsKinds } from "./argo-rollouts.ts";
import { argoWorkflowKinds } from "./argo-workflow.ts";
import { argocdInstanceKinds } from "./argocd-instance.ts";
import { autoscalingKinds } from "./autoscaling.ts";
import { batchKinds } from "./batch.ts";
import { certManagerKinds } from "./cert-manager.ts";
import { coreServicesKinds } from "./core-services.ts";
import { crdKinds } from "./crd.ts";
import { fluxKinds } from "./flux.ts";
import { keptnMetricKinds } from "./keptn-metric.ts";
import { machineConfigPoolKinds } from "./machine-config-pool.ts";
import { namespaceKinds } from "./namespace.ts";
import { networkingKinds } from "./networking.ts";
import { nodeKinds } from "./node.ts";
import { podKinds } from "./pod.ts";
import { policyKinds } from "./policy.ts";
import { resourceBundleStateKinds } from "./resource-bundle-state.ts";

/** Every built-in kind, one row each; adding a kind touches its family file only. */
export const builtinKinds: readonly KindInterpreter[] = [
  ...appsKinds,
  ...podKinds,
  ...batchKinds,
  ...coreServicesKinds,
  ...networkingKinds,
  ...autoscalingKinds,
  ...apiregistrationKinds,
  ...policyKinds,
  ...nodeKinds,
  ...namespaceKinds,
  ...crdKinds,
  ...argoApplicationKinds,
  ...argoRolloutsKinds,
  ...argoWorkflowKinds,
  ...certManagerKinds,
  ...fluxKinds,
  ...argocdInstanceKinds,
  ...machineConfigPoolKinds,
  ...resourceBundleStateKinds,
  ...keptnMetricKinds,
];
