import {
  HttpMethod,
  IsomorphicFetchHttpLibrary,
  type KubeConfig,
  RequestContext,
} from "@kubernetes/client-node";
import { isRecord } from "../../interpret/kube-object.ts";

/** A refusal from the API server: the HTTP status (or the Status body's code), its reason and message. */
export class KubeApiError extends Error {
  override name = "KubeApiError";

  constructor(
    readonly statusCode: number,
    readonly reason: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export type Query = Record<string, string | number | boolean | undefined>;

/** Plain JSON GETs against the API server of a kubeconfig. */
export interface KubeHttp {
  readonly kubeConfig: KubeConfig;
  /** @throws KubeApiError for any answer but 2xx; network failures as they come. */
  getJson(path: string, query?: Query, signal?: AbortSignal): Promise<unknown>;
}

/**
 * GETs through client-node's own HTTP layer (its auth, TLS and proxy handling) but without its typed
 * models: those turn timestamps into Date objects and drop fields they do not know, while watch events
 * arrive as raw JSON, and the interpreters must see one shape whichever way an object came.
 */
export function createKubeHttp(kubeConfig: KubeConfig): KubeHttp {
  const http = new IsomorphicFetchHttpLibrary();
  return {
    kubeConfig,
    async getJson(path, query = {}, signal) {
      const request = await kubeRequest(kubeConfig, path, query, signal);
      const response = await http.send(request).toPromise();
      const text = await response.body.text();
      if (response.httpStatusCode >= 200 && response.httpStatusCode < 300) return JSON.parse(text);
      throw errorOf(response.httpStatusCode, text, path);
    },
  };
}

/** A GET of `path` on the kubeconfig's current cluster, with its credentials applied. */
export async function kubeRequest(
  kubeConfig: KubeConfig,
  path: string,
  query: Query,
  signal?: AbortSignal,
): Promise<RequestContext> {
  const server = kubeConfig.getCurrentCluster()?.server;
  if (!server) throw new Error("the kubeconfig has no current cluster");
  const url = new URL(server.replace(/\/+$/, "") + path);
  for (const [key, value] of Object.entries(query))
    if (value !== undefined) url.searchParams.set(key, String(value));
  const request = new RequestContext(url.toString(), HttpMethod.GET);
  request.setHeaderParam("Accept", "application/json");
  await kubeConfig.applySecurityAuthentication(request);
  if (signal) request.setSignal(signal);
  return request;
}

/** The refusal an answer's status and Status body describe. */
export function errorOf(statusCode: number, text: string, path: string): KubeApiError {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (isRecord(body) && body.kind === "Status") {
    const code = typeof body.code === "number" ? body.code : statusCode;
    return new KubeApiError(code, String(body.reason ?? ""), String(body.message ?? `GET ${path}: ${code}`));
  }
  return new KubeApiError(statusCode, "", `GET ${path}: HTTP ${statusCode}`);
}

/** The HTTP status an error carries: a KubeApiError's, or a `statusCode` field such as client-node's errors have. */
export function statusCodeOf(error: unknown): number | undefined {
  if (error instanceof KubeApiError) return error.statusCode;
  if (isRecord(error) && typeof error.statusCode === "number") return error.statusCode;
  return undefined;
}
