import * as z from "zod";

/** Argo CD's health vocabulary; `Missing` means deleted or not found. */
export const HEALTH = ["Healthy", "Progressing", "Degraded", "Suspended", "Missing", "Unknown"] as const;
/** kstatus's vocabulary (sigs.k8s.io/cli-utils), computed by kstatus's own rules. */
export const KSTATUS = ["Current", "InProgress", "Failed", "Terminating", "NotFound", "Unknown"] as const;

export const healthSchema = z.enum(HEALTH);
export const kstatusSchema = z.enum(KSTATUS);

export const objectStatusSchema = z.object({
  health: healthSchema,
  kstatus: kstatusSchema,
  message: z.string().max(4096),
  phase: z.string().max(256).optional(),
  // Keys reach `Kind/namespace/name` for bundles, so they allow full Kubernetes names.
  components: z.record(z.string().max(640), z.string().max(1024)).optional(),
  values: z.record(z.string().max(256), z.number()).optional(),
});

export type Health = z.infer<typeof healthSchema>;
export type KStatus = z.infer<typeof kstatusSchema>;
export type ObjectStatus = z.infer<typeof objectStatusSchema>;
