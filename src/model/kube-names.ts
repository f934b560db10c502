// Kubernetes' own rules for the identity fields an event carries (k8s.io/apimachinery
// pkg/util/validation and pkg/api/validation/path). The ingest refuses what Kubernetes would refuse,
// so no object reaches the store that no API server could have served, and the key encoding
// (object-key.ts) only has names to be careful with: the other fields cannot hold a separator.

const DNS1123_LABEL = /^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?(?:\.[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z](?:[-a-z0-9]*[a-z0-9])?$/;
// A kind is a DNS-1035 label once lowercased (apiextensions' rule for CRD kinds, which built-in
// kinds follow too). Go lowercases the Kelvin sign to "k"; no kind is spelled with it, so only
// ASCII letters are taken here.
const KIND = /^[A-Za-z](?:[-A-Za-z0-9]*[A-Za-z0-9])?$/;
const QUALIFIED_NAME_PART = /^[A-Za-z0-9](?:[-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/** At most 63 characters, the limit of every label-like rule. */
const LABEL_MAX = 63;
/** A subdomain's limit, and the limit this service puts on names (Kubernetes' own for most kinds). */
export const NAME_MAX = 253;

const isWellFormedText = (String.prototype as unknown as { isWellFormed: (this: string) => boolean })
  .isWellFormed;

/** No lone surrogate: DynamoDB stores UTF-8, where one would become U+FFFD and two names one. */
export const isWellFormed = (value: string): boolean => isWellFormedText.call(value);

export const isDns1123Label = (value: string): boolean =>
  value.length <= LABEL_MAX && DNS1123_LABEL.test(value);

export const isDns1123Subdomain = (value: string): boolean =>
  value.length <= NAME_MAX && DNS1123_SUBDOMAIN.test(value);

export const isDns1035Label = (value: string): boolean =>
  value.length <= LABEL_MAX && DNS1035_LABEL.test(value);

/** `version` (the core group) or `group/version`. */
export function isApiVersion(value: string): boolean {
  const slash = value.indexOf("/");
  if (slash < 0) return isDns1035Label(value);
  return isDns1123Subdomain(value.slice(0, slash)) && isDns1035Label(value.slice(slash + 1));
}

export const isKind = (value: string): boolean => value.length <= LABEL_MAX && KIND.test(value);

/** A namespace is a DNS-1123 label; "" is a cluster-scoped object. */
export const isNamespace = (value: string): boolean => value === "" || isDns1123Label(value);

/**
 * The most permissive rule Kubernetes applies to any kind's names (path-segment names, as RBAC roles
 * use: `system:controller:…`): not "." or "..", no "/" or "%". Every other kind's rule is stricter.
 */
export const isObjectName = (value: string): boolean =>
  value !== "." && value !== ".." && !value.includes("/") && !value.includes("%") && isWellFormed(value);

/** A label key: `name` or `prefix/name`, the prefix a DNS-1123 subdomain, the name at most 63. */
export function isQualifiedName(value: string): boolean {
  const slash = value.indexOf("/");
  const name = slash < 0 ? value : value.slice(slash + 1);
  if (slash >= 0 && !isDns1123Subdomain(value.slice(0, slash))) return false;
  return name.length <= LABEL_MAX && QUALIFIED_NAME_PART.test(name);
}

export const isLabelValue = (value: string): boolean =>
  value === "" || (value.length <= LABEL_MAX && QUALIFIED_NAME_PART.test(value));

/** What each rule asks, in Kubernetes' words, for the 400 that names the field. */
export const KUBE_NAME_RULES = {
  apiVersion:
    'must be "version" or "group/version": the group a lowercase RFC 1123 subdomain, the version a lowercase RFC 1035 label (at most 63 of a-z, 0-9 and "-", starting with a letter)',
  kind: 'must be at most 63 letters, digits and "-", starting with a letter and ending with a letter or digit',
  namespace:
    'must be "" or a lowercase RFC 1123 label (at most 63 of a-z, 0-9 and "-", starting and ending with a letter or digit)',
  name: 'must not be "." or "..", contain "/" or "%", or hold a lone surrogate',
  uid: "must not hold a lone surrogate",
  labelKey:
    'must be a qualified name: at most 63 of letters, digits, "-", "_" and ".", starting and ending with a letter or digit, optionally after a DNS subdomain prefix and "/"',
  labelValue:
    'must be "" or at most 63 of letters, digits, "-", "_" and ".", starting and ending with a letter or digit',
} as const;
