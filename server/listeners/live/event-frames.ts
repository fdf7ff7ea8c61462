import type { LiveEvent } from "../../../client/contract/live-events.ts";
import type { ChangeEvent } from "../../core/context-types.ts";
import type { Converter } from "./subscribe-request.ts";
import { projectFields } from "./read-path.ts";

// Per event, per converter: the event's JSON after its `subscriptionId`. An event object is
// shared by every subscription it goes to, so a WeakMap on it lives exactly as long as the
// event is queued somewhere.
const bodies = new WeakMap<ChangeEvent, Map<string, string>>();

/**
 * The `event` payload of `e` as JSON text without its opening `{"subscriptionId":…`: it starts
 * with `,"contextId":` and ends with `}`. Serialised once per (event, converter); every
 * subscription with that converter reuses it and splices its own id in front (eventPacket).
 */
export function eventBody(e: ChangeEvent, converter: Converter | undefined): string {
  const key = converter ? converter.fields.join("\n") : "";
  let perConverter = bodies.get(e);
  if (!perConverter) bodies.set(e, (perConverter = new Map()));
  let body = perConverter.get(key);
  if (body === undefined) {
    const json = JSON.stringify({
      contextId: e.contextId,
      revision: e.revision,
      op: e.op,
      contextType: e.contextType,
      key: e.key,
      value: converter ? projectFields(e.value, converter.fields) : e.value,
    } satisfies Omit<LiveEvent, "subscriptionId">);
    body = "," + json.slice(1);
    perConverter.set(key, body);
  }
  return body;
}

/**
 * A socket.io EVENT packet, encoded as socket.io-parser would encode
 * `emit(name, { subscriptionId, ...body })` on namespace `nsp` (no binary, no ack):
 * `2/events,["event",{"subscriptionId":"…","contextId":…}]`.
 */
export function eventPacket(nsp: string, name: string, subscriptionId: string, body: string): string {
  return `2${nsp === "/" ? "" : nsp + ","}[${JSON.stringify(name)},{"subscriptionId":${JSON.stringify(subscriptionId)}${body}]`;
}

/** Any other message of a subscription (`snapshot-end`, `lagged`, …), in the same packet form. */
export function messagePacket(nsp: string, name: string, subscriptionId: string, payload: object): string {
  const json = JSON.stringify(payload);
  return eventPacket(nsp, name, subscriptionId, json === "{}" ? "}" : "," + json.slice(1));
}
