// The cluster domain's public surface: what other domains may import (docs/ARCHITECTURE.md).
export * from "./cluster-bus.ts";
