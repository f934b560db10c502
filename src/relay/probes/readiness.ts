import type { GateState } from "../transport/failure-gate.ts";
import {
  DEFAULT_READINESS_POLICY,
  type KindWatchState,
  type KindWatchStatus,
  type ReadinessPolicy,
  type ReadinessReport,
  type ReadinessSources,
} from "./readiness-api.ts";

/** What the rules read: the sources' values at one probe. */
interface Snapshot {
  config: ReturnType<ReadinessSources["config"]>;
  watches: readonly KindWatchStatus[] | undefined;
  gateOpenMs: number | undefined;
  policy: ReadinessPolicy;
}

/** States in which a kind records nothing; a re-list of a kind that has synced before is not one. */
const DEGRADED: ReadonlySet<KindWatchState> = new Set(["backoff", "forbidden", "not-installed"]);

/** The kind has never completed a list: its objects are not known yet. */
function isFirstListing(watch: KindWatchStatus): boolean {
  return (watch.state === "starting" || watch.state === "listing") && !watch.lastSyncAt;
}

interface Rule {
  /** Checked on a standby too (which watches and sends nothing until it leads). */
  standby: boolean;
  notReady(s: Snapshot): string | undefined;
}

// Each rule names one reason to take the relay out of service; none applies → ready. A kind that
// cannot be watched (forbidden, not installed, failing) is not among them: a relay that watches 20
// of 21 kinds is useful, and marking it unready would only hold up rollouts and page on a problem
// that RBAC or a CRD install fixes, not the pod. It is reported as degraded instead.
const RULES: readonly Rule[] = [
  { standby: true, notReady: (s) => (s.config ? undefined : "config not loaded yet") },
  { standby: false, notReady: (s) => (s.watches ? undefined : "watches not started yet") },
  {
    standby: false,
    notReady: (s) => {
      const first = (s.watches ?? []).filter(isFirstListing).map((w) => w.kind);
      return first.length > 0 ? `first list still running for ${first.join(", ")}` : undefined;
    },
  },
  {
    standby: false,
    notReady: (s) => {
      const watches = s.watches ?? [];
      const live = watches.some((w) => !DEGRADED.has(w.state));
      return watches.length > 0 && !live ? "no configured kind is being watched" : undefined;
    },
  },
  {
    standby: false,
    notReady: (s) =>
      s.gateOpenMs !== undefined && s.gateOpenMs > s.policy.maxGateOpenMs
        ? `every send to the ingest has failed for ${Math.round(s.gateOpenMs / 60_000)} min`
        : undefined,
  },
];

/**
 * Computes readiness from its sources. Keeps one piece of state: since when the sender's gate has
 * been open, as seen by the probes (accurate to the probe period).
 */
export class ReadinessCheck {
  #gateOpenSince: number | undefined;

  constructor(
    private readonly sources: ReadinessSources,
    private readonly policy: ReadinessPolicy = DEFAULT_READINESS_POLICY,
    private readonly now: () => number = Date.now,
  ) {}

  evaluate(): ReadinessReport {
    const role = this.sources.role?.() ?? "leader";
    const config = this.sources.config();
    const gate = this.sources.senderGate?.();
    const gateOpenMs = this.#trackGate(gate);
    // A standby watches and sends nothing until it leads; it must stay ready so rollouts proceed.
    const watches = role === "leader" ? this.sources.watches() : [];
    const snapshot: Snapshot = { config, watches, gateOpenMs, policy: this.policy };
    const reasons = RULES.filter((rule) => role === "leader" || rule.standby)
      .map((rule) => rule.notReady(snapshot))
      .filter((reason): reason is string => reason !== undefined);
    const degraded = (watches ?? []).filter((w) => DEGRADED.has(w.state));
    const report: ReadinessReport = {
      ready: reasons.length === 0,
      status: reasons.length > 0 ? "not ready" : degraded.length > 0 ? "degraded" : "ready",
      role,
      reasons,
    };
    if (config) report.config = config;
    if (role === "leader" && watches) {
      const watching = watches.filter((w) => !DEGRADED.has(w.state) && !isFirstListing(w)).length;
      report.watch = { watching, total: watches.length, degraded };
    }
    if (gate) {
      report.sender = { gate };
      if (gateOpenMs !== undefined) report.sender.openForSeconds = Math.round(gateOpenMs / 1000);
    }
    return report;
  }

  #trackGate(gate: GateState | undefined): number | undefined {
    if (gate === undefined || gate === "closed") {
      this.#gateOpenSince = undefined;
      return undefined;
    }
    this.#gateOpenSince ??= this.now();
    return this.now() - this.#gateOpenSince;
  }
}
