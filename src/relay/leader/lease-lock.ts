import {
  ApiException,
  type CoordinationV1Api,
  Observable,
  type ObservableMiddleware,
  type V1Lease,
  V1MicroTime,
} from "@kubernetes/client-node";

/** The election state a Lease holds (client-go's LeaderElectionRecord). */
export interface LeaderRecord {
  /** Empty when nobody holds the lease (it was released). */
  holderIdentity: string;
  leaseDurationSeconds: number;
  /** Unix ms. */
  acquireTime: number | undefined;
  /** Unix ms. */
  renewTime: number | undefined;
  leaseTransitions: number;
}

/** The lease was changed by someone else since we read it (HTTP 409). */
export class LeaseConflictError extends Error {
  override readonly name = "LeaseConflictError";
}

export interface LeaseLockOptions {
  api: CoordinationV1Api;
  namespace: string;
  name: string;
  /** A request without a reply after this long is abandoned. */
  requestTimeoutMs: number;
}

/**
 * One Lease object, read and written with optimistic concurrency: an update carries the
 * resourceVersion of the last read or write, so two candidates cannot both win one term.
 */
export class LeaseLock {
  #lease: V1Lease | undefined;

  constructor(private readonly options: LeaseLockOptions) {}

  describe(): string {
    return `${this.options.namespace}/${this.options.name}`;
  }

  /** The current record and its raw form (to tell a renewal from no change); undefined when there is no lease. */
  async get(): Promise<{ record: LeaderRecord; raw: string } | undefined> {
    const { namespace, name } = this.options;
    try {
      this.#lease = await this.options.api.readNamespacedLease({ name, namespace }, this.#timeout());
    } catch (error) {
      if (error instanceof ApiException && error.code === 404) return undefined;
      throw error;
    }
    return { record: recordOf(this.#lease), raw: JSON.stringify(this.#lease.spec ?? {}) };
  }

  async create(record: LeaderRecord): Promise<void> {
    const { namespace, name } = this.options;
    const body: V1Lease = { metadata: { name, namespace }, spec: specOf(record) };
    this.#lease = await this.#conflictAware(
      this.options.api.createNamespacedLease({ namespace, body }, this.#timeout()),
    );
  }

  /** @throws LeaseConflictError when the lease changed since our last read or write. */
  async update(record: LeaderRecord): Promise<void> {
    if (!this.#lease) throw new Error(`lease ${this.describe()} not read yet: get or create it first`);
    const { namespace, name } = this.options;
    // The resourceVersion of our last read rides along: the server answers 409 if anyone wrote since.
    const body: V1Lease = { ...this.#lease, spec: specOf(record) };
    this.#lease = await this.#conflictAware(
      this.options.api.replaceNamespacedLease({ name, namespace, body }, this.#timeout()),
    );
  }

  async #conflictAware(call: Promise<V1Lease>): Promise<V1Lease> {
    try {
      return await call;
    } catch (error) {
      if (error instanceof ApiException && error.code === 409) {
        throw new LeaseConflictError(`lease ${this.describe()} was changed by another candidate`, {
          cause: error,
        });
      }
      throw error;
    }
  }

  #timeout() {
    const signal = AbortSignal.timeout(this.options.requestTimeoutMs);
    const middleware: ObservableMiddleware = {
      pre: (context) => {
        context.setSignal(signal);
        return new Observable(Promise.resolve(context));
      },
      post: (context) => new Observable(Promise.resolve(context)),
    };
    return { middleware: [middleware], middlewareMergeStrategy: "append" as const };
  }
}

function recordOf(lease: V1Lease): LeaderRecord {
  const spec = lease.spec ?? {};
  return {
    holderIdentity: spec.holderIdentity ?? "",
    leaseDurationSeconds: spec.leaseDurationSeconds ?? 0,
    acquireTime: spec.acquireTime ? new Date(spec.acquireTime).getTime() : undefined,
    renewTime: spec.renewTime ? new Date(spec.renewTime).getTime() : undefined,
    leaseTransitions: spec.leaseTransitions ?? 0,
  };
}

function specOf(record: LeaderRecord): V1Lease["spec"] {
  return {
    holderIdentity: record.holderIdentity,
    leaseDurationSeconds: record.leaseDurationSeconds,
    leaseTransitions: record.leaseTransitions,
    ...(record.acquireTime === undefined ? {} : { acquireTime: new V1MicroTime(record.acquireTime) }),
    ...(record.renewTime === undefined ? {} : { renewTime: new V1MicroTime(record.renewTime) }),
  };
}
