// Kubernetes orders API versions by stability, then number (v1 > v1beta2 > v1beta1 > v1alpha1), and
// anything that does not look like a Kubernetes version sorts last, alphabetically
// (k8s.io/apimachinery/pkg/version/helpers.go). Discovery lists versions in this order and the first is
// the preferred one.

const KUBE_VERSION = /^v(\d+)(?:(alpha|beta)(\d+))?$/;
const STABILITY = { ga: 3, beta: 2, alpha: 1 } as const;

function rank(version: string): [number, number, number] | undefined {
  const m = KUBE_VERSION.exec(version);
  if (!m) return undefined;
  const stability = m[2] === "alpha" ? STABILITY.alpha : m[2] === "beta" ? STABILITY.beta : STABILITY.ga;
  return [stability, Number(m[1]), Number(m[3] ?? 0)];
}

/** Negative when `a` has the higher priority, for `Array.prototype.sort`. */
export function compareVersionPriority(a: string, b: string): number {
  const ra = rank(a);
  const rb = rank(b);
  if (!ra || !rb) return ra ? -1 : rb ? 1 : a.localeCompare(b);
  for (let i = 0; i < 3; i++) {
    const diff = (rb[i] ?? 0) - (ra[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

export function byVersionPriority(versions: Iterable<string>): string[] {
  return [...new Set(versions)].sort(compareVersionPriority);
}
