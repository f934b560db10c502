/** One request as the server saw it, for tests that assert how a client talked to it. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** The Kubernetes verb (list, watch, get, create, update, patch, delete), when the path named a resource. */
  verb?: string;
  /** The resource id (`pods`, `leases.coordination.k8s.io`), when the path named one. */
  resource?: string;
}

export interface RequestFilter {
  method?: string;
  verb?: string;
}

export class RequestLog {
  private readonly recorded: RecordedRequest[] = [];

  record(request: RecordedRequest): void {
    this.recorded.push(request);
  }

  /** Attaches what routing learned to the request being served. */
  annotate(request: RecordedRequest, verb: string, resource: string): void {
    request.verb = verb;
    request.resource = resource;
  }

  all(): readonly RecordedRequest[] {
    return this.recorded;
  }

  /** Requests to exactly this path (query ignored), optionally of one method or verb. */
  count(path: string, filter: RequestFilter = {}): number {
    return this.recorded.filter(
      (r) =>
        r.path === path &&
        (filter.method === undefined || r.method === filter.method) &&
        (filter.verb === undefined || r.verb === filter.verb),
    ).length;
  }

  clear(): void {
    this.recorded.length = 0;
  }
}
