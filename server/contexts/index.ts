// The contexts domain's public surface: what other domains may import (docs/ARCHITECTURE.md).
export * from "./context-service.ts";
export * from "./context-store.ts";
export * from "./entry-rows.ts";
export * from "./history/history-store.ts";
export * from "./wire/answers.ts";
export * from "./wire/context-id-input.ts";
export * from "./wire/context-key-input.ts";
export * from "./wire/linkis/linkis-request.ts";
export { serializeChangeBean } from "./wire/linkis/linkis-answers.ts";
export * from "./apply-remote-changes.ts";
