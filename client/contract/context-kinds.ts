// The wire contract's lists (docs/API.md), shared by the server, the dashboard and the SDK.
// Plain constants and types, no dependency: the SDK ships them without pulling anything in.

/** A key's context type, as Linkis names them (`Variable` is spelled as Linkis spells it). */
export const contextTypes = ["METADATA", "DATA", "RESOURCE", "OBJECT", "ENV", "COST", "UDF", "Variable"] as const;
export const contextScopes = ["PRIVATE", "PUBLIC", "PROTECTED", "FRIENDLY"] as const;
export const expireTypes = ["TODAY", "MAX_EXISTS_TIME", "NEVER"] as const;

export type ContextType = (typeof contextTypes)[number];
export type ContextScope = (typeof contextScopes)[number];
export type ExpireType = (typeof expireTypes)[number];
