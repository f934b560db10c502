import * as z from "zod";
import { NotFoundError } from "../../errors.ts";
import { isClusterStale } from "../../read/cluster-staleness.ts";
import { ClusterStaleError } from "../../read/errors.ts";
import { staleAfterOf } from "../../read/read-settings.ts";
import { type ApiRoutes, apiRoute } from "../api-routes.ts";
import type { ReadContext } from "./read-context.ts";
import { assertMayRead, type ReadEnv } from "./read-env.ts";
import { clusterParam, errorResponses, errorSchema, jsonContent } from "./schemas.ts";

const KEPTN_METRIC = { group: "metrics.keptn.sh", kind: "KeptnMetric" } as const;
const k8sName = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/, "not a Kubernetes name");

const metricSchema = z
  .object({
    namespace: z.string(),
    metric: z.string().describe("the KeptnMetric's name"),
    value: z.number().describe("status.value as recorded; read it with jsonPath {$.value}"),
    observedAt: z.string().describe("when the relay saw this value"),
  })
  .meta({ id: "KeptnMetricValue" });

const route = apiRoute({
  method: "get",
  path: "/v1/clusters/{cluster}/metrics/{namespace}/{name}",
  summary: "The recorded value of a KeptnMetric, for an Argo Rollouts web metric provider",
  params: z.object({ cluster: clusterParam, namespace: k8sName, name: k8sName }),
  responses: {
    200: jsonContent(metricSchema, "the metric's value"),
    404: jsonContent(errorSchema, "no such KeptnMetric, deleted, or it has no value"),
    503: jsonContent(errorSchema, "the cluster is stale: the value may be out of date"),
    ...errorResponses,
  },
});

export function registerKeptnMetricRoute(routes: ApiRoutes<ReadEnv>, ctx: ReadContext): void {
  routes.add(route, async (c, { params: { cluster, namespace, name } }) => {
    assertMayRead(c.get("readAccess"), cluster);
    const [object, record, settings] = await Promise.all([
      ctx.store.getObject(cluster, { ...KEPTN_METRIC, namespace, name }),
      ctx.store.getCluster(cluster),
      ctx.settings(),
    ]);
    const what = `KeptnMetric ${namespace}/${name} in cluster "${cluster}"`;
    if (!object) throw new NotFoundError(`${what} is not recorded (is the relay watching KeptnMetrics?)`);
    if (object.status.health === "Missing") throw new NotFoundError(`${what} was deleted`);
    const value = object.status.values?.value;
    if (value === undefined) {
      const why = object.status.message ? `: ${object.status.message}` : "";
      throw new NotFoundError(`${what} has no value${why}`);
    }
    // An analysis must not pass on the last value of a cluster nobody hears from any more.
    if (isClusterStale(record, ctx.clock(), staleAfterOf(settings, cluster)))
      throw new ClusterStaleError(cluster, record?.lastSeen);
    return { namespace, metric: name, value, observedAt: object.observedAt };
  });
}
