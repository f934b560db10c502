import type { Health } from "../model/object-status.ts";

// Argo CD's order (gitops-engine health.IsWorse): a roll-up reports the worst member.
const ORDER: Record<Health, number> = {
  Healthy: 0,
  Suspended: 1,
  Progressing: 2,
  Missing: 3,
  Degraded: 4,
  Unknown: 5,
};

export function isWorse(current: Health, candidate: Health): boolean {
  return ORDER[candidate] > ORDER[current];
}

/** The worst of several healths; Healthy for none. */
export function worstHealth(healths: Iterable<Health>): Health {
  let worst: Health = "Healthy";
  for (const h of healths) if (isWorse(worst, h)) worst = h;
  return worst;
}
