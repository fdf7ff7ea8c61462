// The cleanup domain's public surface: what other domains may import (docs/ARCHITECTURE.md).
export * from "./audit-log.ts";
export * from "./audited.ts";
export { AuditStore } from "./audit-store.ts";
