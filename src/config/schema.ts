import { checkExpression } from "../interpret/rules/cel-expression.ts";
import { configSchemaWith } from "./document-schema.ts";
import { metricFamilySchemaWith } from "./metric-family-schema.ts";
import { ruleSchemaWith } from "./rule-schema.ts";

// The config document as `config apply`, the relay and `dev` validate it: its shape and every CEL
// expression checked. A reader of an already validated document can use configSchemaWith(undefined)
// (document-schema.ts) and leave CEL out of its bundle.

export type { BundlesConfig, Config, ConfigInput, WatchConfig } from "./document-schema.ts";
export { bundlesSchema, watchSchema } from "./document-schema.ts";

export const configSchema = configSchemaWith(checkExpression);
export const ruleSchema = ruleSchemaWith(checkExpression);
export const metricFamilySchema = metricFamilySchemaWith(checkExpression);
