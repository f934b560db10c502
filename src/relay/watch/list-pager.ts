import type { KubeObject } from "../../interpret/kube-object.ts";
import { arr, isRecord, str } from "../../interpret/kube-object.ts";
import type { ApiResource } from "./discovery.ts";
import type { KubeHttp } from "./kube-http.ts";
import { deleteManagedFields } from "./managed-fields-cut.ts";

export interface ListOptions {
  labelSelector?: string;
  /** Objects per page (default 500, as kubectl and client-go's pager use). */
  limit?: number;
  signal?: AbortSignal;
}

/**
 * Lists a collection page by page, handing each page on as it comes so no whole list is held, and
 * returns the resourceVersion the list is consistent at, to watch from. Every page is read at the
 * first page's revision; once that revision is compacted the server answers 410 and the caller must
 * start over (a KubeApiError with statusCode 410 is thrown).
 */
export async function listCollection(
  http: KubeHttp,
  resource: ApiResource,
  path: string,
  onPage: (objects: KubeObject[]) => void,
  options: ListOptions = {},
): Promise<string> {
  const limit = options.limit ?? 500;
  let continueToken: string | undefined;
  for (;;) {
    const query = { limit, labelSelector: options.labelSelector || undefined, continue: continueToken };
    const body = await http.getJson(path, query, options.signal);
    const metadata = isRecord(body) && isRecord(body.metadata) ? body.metadata : {};
    const items = arr(isRecord(body) ? body.items : undefined)
      .filter(isRecord)
      .map((item) => listedObject(item, resource));
    onPage(items);
    continueToken = str(metadata.continue) || undefined;
    if (!continueToken) return str(metadata.resourceVersion) ?? "";
  }
}

/** An item as the watch delivers it: built-in lists leave kind and apiVersion off their items. */
function listedObject(item: Record<string, unknown>, resource: ApiResource): KubeObject {
  deleteManagedFields(item); // the page was parsed for this list alone
  return { ...item, apiVersion: resource.apiVersion, kind: resource.kind } as KubeObject;
}
