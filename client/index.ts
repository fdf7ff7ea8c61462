// The SDK's public surface: the REST client (Linkis-compatible calls, cleanup, histories) and the live subscriber.
export * from "./rest-client.ts";
export * from "./live-client.ts";
