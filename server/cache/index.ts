// The cache's public surface: what other domains may import (docs/ARCHITECTURE.md).
export * from "./auto-clear.ts";
export * from "./context-cache.ts";
export * from "./context-id-value.ts";
export * from "./heap-sampler.ts";
export * from "./key-value-context.ts";
