// The engine's lists (server/core/context-types.ts); pages reach the engine only over HTTP, so they keep their own copy.
export const contextTypes = ["METADATA", "DATA", "RESOURCE", "OBJECT", "ENV", "COST", "UDF", "Variable"] as const;
export const contextScopes = ["PRIVATE", "PUBLIC", "PROTECTED", "FRIENDLY"] as const;
