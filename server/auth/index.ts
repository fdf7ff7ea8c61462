// The auth domain's public surface: what other domains may import (docs/ARCHITECTURE.md).
export { AUTH_HINT } from "./authenticate.ts";
export { logSecurityEvent } from "./security-log.ts";
