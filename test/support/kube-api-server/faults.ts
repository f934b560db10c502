import { namesResource, type ResourceType } from "./resource-type.ts";

interface PlannedFailure {
  resource: string;
  code: number;
  verbs: readonly string[] | undefined;
  remaining: number;
}

export interface FailOptions {
  /** How many matching requests fail (default 1). */
  times?: number;
  /** Only these verbs fail (default: any). */
  verbs?: string[];
}

/** Failures tests switch on: RBAC denials, injected error codes, a slow list. */
export class Faults {
  private readonly forbidden = new Map<string, readonly string[] | undefined>();
  private failures: PlannedFailure[] = [];
  listDelayMs = 0;

  /** Denies `verbs` (default: every verb) on a resource named by plural, `plural.group` or Kind. */
  forbid(resource: string, verbs?: string[]): void {
    this.forbidden.set(resource, verbs);
  }

  allow(resource: string): void {
    this.forbidden.delete(resource);
  }

  isForbidden(rt: ResourceType, verb: string): boolean {
    for (const [name, verbs] of this.forbidden) {
      if (namesResource(rt, name) && (verbs === undefined || verbs.includes(verb))) return true;
    }
    return false;
  }

  failNext(resource: string, code: number, options: FailOptions = {}): void {
    this.failures.push({ resource, code, verbs: options.verbs, remaining: options.times ?? 1 });
  }

  /** The code the next matching request must fail with, used up as it is returned. */
  takeFailure(rt: ResourceType, verb: string): number | undefined {
    const planned = this.failures.find(
      (f) =>
        f.remaining > 0 && namesResource(rt, f.resource) && (f.verbs === undefined || f.verbs.includes(verb)),
    );
    if (!planned) return undefined;
    planned.remaining--;
    this.failures = this.failures.filter((f) => f.remaining > 0);
    return planned.code;
  }
}
