import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { createServer as createTlsServer } from "node:https";
import type { AddressInfo } from "node:net";
import type { KubeObject } from "../../../src/interpret/kube-object.ts";
import { BUILT_IN_RESOURCES } from "./built-in-resources.ts";
import { type FailOptions, Faults } from "./faults.ts";
import { type ObjectRef, resolveRef, resourceOfKind } from "./object-ref.ts";
import { ObjectStore, objectKey } from "./object-store.ts";
import { ObjectWriter } from "./object-writer.ts";
import { applyMergePatch } from "./patch.ts";
import { createRequestHandler } from "./request-handler.ts";
import { type RecordedRequest, type RequestFilter, RequestLog } from "./request-log.ts";
import { ResourceRegistry } from "./resource-registry.ts";
import { defineResource, type ResourceDefinition, type ResourceType, resourceId } from "./resource-type.ts";
import { servedObject } from "./served-object.ts";
import { WatchHub } from "./watch-hub.ts";

export interface KubeApiServerOptions {
  /** The bearer token every request must carry (default "test-token"). */
  token?: string;
  /** The user named in Forbidden messages. */
  user?: string;
  /** How many events the watch history keeps; older resourceVersions get 410 (default 1000). */
  historySize?: number;
  /** Period of BOOKMARK events on watches that allow them; 0 sends them only on demand (default 60 s, as a real server). */
  bookmarkIntervalMs?: number;
  /** The resourceVersion before the first write (default 1000). */
  startResourceVersion?: number;
  now?: () => Date;
  /** Served resources (default: the built-in kinds the relay watches, plus leases). */
  resources?: readonly ResourceType[];
  /** HTTPS with the certificate in ./tls (for 127.0.0.1), as a real API server; kubeconfigs then carry its CA. */
  tls?: boolean;
}

const tlsFile = (name: string) => readFileSync(new URL(`./tls/${name}`, import.meta.url));

/**
 * A Kubernetes API server for tests, speaking the real HTTP protocol on 127.0.0.1, with every
 * write, fault and observation a test needs as a plain method.
 */
export class KubeApiServer {
  readonly token: string;
  readonly user: string;
  private readonly tls: boolean;
  private readonly registry: ResourceRegistry;
  private readonly store: ObjectStore;
  private readonly writer: ObjectWriter;
  private readonly hub: WatchHub;
  private readonly faults = new Faults();
  private readonly log = new RequestLog();
  private readonly http: Server;

  private constructor(options: KubeApiServerOptions) {
    this.token = options.token ?? "test-token";
    this.user = options.user ?? "system:serviceaccount:status-recorder:relay";
    this.registry = new ResourceRegistry(options.resources ?? BUILT_IN_RESOURCES);
    this.store = new ObjectStore({
      startResourceVersion: options.startResourceVersion ?? 1000,
      historySize: options.historySize ?? 1000,
    });
    this.writer = new ObjectWriter(this.store, this.registry, {
      now: options.now ?? (() => new Date()),
      newUid: randomUUID,
    });
    this.hub = new WatchHub(this.store, this.registry, options.bookmarkIntervalMs ?? 60_000);
    const { registry, store, writer, hub, faults, log, token, user } = this;
    this.tls = options.tls ?? false;
    const handler = createRequestHandler({
      registry,
      store,
      writer,
      hub,
      faults,
      log,
      token,
      user,
      address: () => this.host,
    });
    // An https.Server is a net.Server like http's, with the same request events.
    this.http = this.tls
      ? (createTlsServer(
          { key: tlsFile("server.key"), cert: tlsFile("server.crt") },
          handler,
        ) as unknown as Server)
      : createServer(handler);
  }

  /** Starts a server on a random port of 127.0.0.1. */
  static async start(options: KubeApiServerOptions = {}): Promise<KubeApiServer> {
    const server = new KubeApiServer(options);
    await new Promise<void>((resolve, reject) => {
      server.http.once("error", reject);
      server.http.listen(0, "127.0.0.1", resolve);
    });
    return server;
  }

  private get host(): string {
    const { address, port } = this.http.address() as AddressInfo;
    return `${address}:${port}`;
  }

  /** With `tls`: the CA that signed the server's certificate, base64 as kubeconfigs carry it. */
  get caData(): string | undefined {
    return this.tls ? tlsFile("ca.crt").toString("base64") : undefined;
  }

  get url(): string {
    return `${this.tls ? "https" : "http"}://${this.host}`;
  }

  /** The current (global) resourceVersion. */
  get resourceVersion(): string {
    return String(this.store.resourceVersion);
  }

  // --- objects ---

  /** Creates or replaces an object as given, status included (a direct storage write); returns it as stored. */
  apply(obj: KubeObject): KubeObject {
    const rt = resourceOfKind(this.registry, obj.apiVersion ?? "", obj.kind ?? "");
    return this.served(rt, this.writer.put(rt, structuredClone(obj)));
  }

  get(ref: ObjectRef): KubeObject | undefined {
    const { rt, namespace, name } = resolveRef(this.registry, ref);
    const obj = this.writer.get(rt, namespace, name);
    return obj && this.served(rt, obj);
  }

  /** Objects of a kind, in key order, optionally in one namespace. */
  list(apiVersion: string, kind: string, namespace?: string): KubeObject[] {
    const rt = resourceOfKind(this.registry, apiVersion, kind);
    return this.store
      .entries(resourceId(rt))
      .filter(([, obj]) => namespace === undefined || obj.metadata?.namespace === namespace)
      .map(([, obj]) => this.served(rt, obj));
  }

  /** Deletes as a DELETE request does: at once, or, with finalizers, by marking it terminating. */
  delete(ref: ObjectRef): KubeObject {
    const { rt, namespace, name } = resolveRef(this.registry, ref);
    return this.served(rt, this.writer.delete(rt, namespace, name));
  }

  /** Replaces the status, as a controller's PUT on `/status` does. */
  updateStatus(ref: ObjectRef, status: unknown): KubeObject {
    const { rt, namespace, name } = resolveRef(this.registry, ref);
    return this.served(
      rt,
      this.writer.patch(rt, namespace, name, (current) => ({ ...current, status }), "status"),
    );
  }

  /** Applies a JSON merge patch to the whole object (spec, metadata and status alike). */
  patch(ref: ObjectRef, mergePatch: Record<string, unknown>): KubeObject {
    const { rt, namespace, name } = resolveRef(this.registry, ref);
    const current = this.writer.get(rt, namespace, name);
    if (!current) throw new Error(`${rt.kind} ${objectKey(namespace, name)} does not exist`);
    const next = applyMergePatch(current, mergePatch) as KubeObject;
    return this.served(rt, this.writer.put(rt, next));
  }

  /** Empties metadata.finalizers; a terminating object is then deleted. */
  removeFinalizers(ref: ObjectRef): KubeObject {
    const { rt, namespace, name } = resolveRef(this.registry, ref);
    const patch = (current: KubeObject) => ({
      ...current,
      metadata: { ...current.metadata, finalizers: [] },
    });
    return this.served(rt, this.writer.patch(rt, namespace, name, patch));
  }

  // --- resources ---

  /** Serves a new resource (a CRD's kind), so it appears in discovery and can be listed and watched. */
  registerResource(def: ResourceDefinition): ResourceType {
    const rt = defineResource(def);
    this.registry.register(rt);
    return rt;
  }

  /** Stops serving a resource: its watches end and list/watch answer 404. */
  unregisterResource(name: string): void {
    const rt = this.registry.findByName(name);
    if (rt) this.registry.unregister(rt);
  }

  // --- watches ---

  openWatches(resource?: string): number {
    return this.hub.count(resource);
  }

  /** Resolves once `count` watches (on `resource`, if given) are open. */
  waitForWatches(count = 1, resource?: string): Promise<void> {
    return this.hub.waitFor(count, resource);
  }

  sendBookmarks(): void {
    this.hub.bookmarkAll();
  }

  /** Cuts every open watch: destroys the sockets mid-stream, or with `graceful` ends them cleanly. */
  dropWatches(options: { graceful?: boolean } = {}): void {
    this.hub.dropAll(options);
  }

  // --- faults ---

  /** Forgets the event history: a watch or continue token from an older resourceVersion gets 410 Expired. */
  expireHistory(): void {
    this.store.compact();
  }

  /** Answers 403 Forbidden to `verbs` (default: all) on a resource named by plural, `plural.group` or Kind. */
  forbid(resource: string, verbs?: string[]): void {
    this.faults.forbid(resource, verbs);
  }

  allow(resource: string): void {
    this.faults.allow(resource);
  }

  /** Holds every list response this long after reading it (the state is read before the delay). */
  setListDelay(ms: number): void {
    this.faults.listDelayMs = ms;
  }

  /** Fails the next request(s) on a resource with this HTTP code (429, 500, 503, 504 get real Status bodies). */
  failNext(resource: string, code: number, options?: FailOptions): void {
    this.faults.failNext(resource, code, options);
  }

  // --- observation ---

  get requests(): readonly RecordedRequest[] {
    return this.log.all();
  }

  /** Requests to exactly this path (query ignored), e.g. `/api/v1/pods`, optionally of one method or verb. */
  requestCount(path: string, filter?: RequestFilter): number {
    return this.log.count(path, filter);
  }

  /** Ends every watch cleanly and closes every connection. */
  async close(): Promise<void> {
    this.hub.dropAll({ graceful: true });
    const closed = new Promise<void>((resolve) => this.http.close(() => resolve()));
    this.http.closeAllConnections();
    await closed;
  }

  private served(rt: ResourceType, obj: KubeObject): KubeObject {
    return structuredClone(servedObject(rt, rt.versions[0] ?? "", obj));
  }
}
