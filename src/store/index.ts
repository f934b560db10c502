// The storage boundary: the port, its records and errors, the DynamoDB adapter and the embedded table.
export { createDynamoStatusStore, type DynamoStatusStoreOptions } from "./dynamodb/dynamodb-status-store.ts";
export { ensureTable, TTL_ATTRIBUTE, tableDefinition } from "./dynamodb/table-schema.ts";
export { DEFAULT_TABLE_NAME, type EmbeddedDynamo, startEmbeddedDynamo } from "./embedded.ts";
export * from "./errors.ts";
export { kindKeyOf, objectKeyOf, refOfObjectKey } from "./object-key.ts";
export { generateReadToken, hashReadToken } from "./read-token.ts";
export type * from "./records.ts";
export { createAesGcmSealer, parseSealingKey, type SecretSealer } from "./secret-sealer.ts";
export type { ClusterRegistry, ConfigStore, ObjectStatusStore, StatusStore } from "./status-store.ts";
export type { NewReadToken, ReadTokenRecord, TokenStore } from "./token-store.ts";
