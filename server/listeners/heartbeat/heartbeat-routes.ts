import { z } from "zod";
import {
  contextKeyInput,
  contextKeyJson,
  contextValueJson,
  existingContextId,
  readDialectBody,
  serializeChangeBean,
} from "../../contexts/index.ts";
import { notFound } from "../../core/errors.ts";
import { linkisRoute, type Route } from "../../http/route.ts";
import type { ChangeEvent, Entry } from "../../core/context-types.ts";
import type { Heartbeats } from "./heartbeats.ts";

const source = z.string().min(1, "must name the listening client").max(256);
const bindIdBody = z.object({ contextID: existingContextId, source: source.nullish() });
const bindKeyBody = z.object({ contextID: existingContextId, contextKey: contextKeyInput, source });
const heartbeatBody = z.object({ source });

/** A change as Linkis's ContextKeyValueBean, plus the op and revision. */
const bean = (e: ChangeEvent) => {
  const full = e.entry?.contextScope ? (e.entry as Entry) : undefined;
  return {
    contextId: e.contextId,
    contextKey:
      e.key === null
        ? null
        : full
          ? contextKeyJson(full)
          : { key: e.key, contextType: e.contextType, contextScope: null, keywords: [] },
    contextValue: (e.op === "created" || e.op === "updated") && full ? contextValueJson(full) : null,
    op: e.op,
    revision: e.revision,
  };
};

export const heartbeatRoutes = (services: { heartbeats: Heartbeats }): Route[] => [
  linkisRoute("POST", "onBindIDListener", "read", { body: bindIdBody }, async (ctx) => {
    const { principal } = ctx;
    // Linkis's client sends no source here: the listener then belongs to the caller's user.
    const { body, linkis } = await readDialectBody(ctx);
    const b = bindIdBody.parse(body);
    await services.heartbeats.bindId(principal, b.source ?? principal.user, b.contextID.contextId, linkis);
    return {};
  }),

  linkisRoute("POST", "onBindKeyListener", "read", { body: bindKeyBody }, async (ctx) => {
    const { principal } = ctx;
    const { body, linkis } = await readDialectBody(ctx);
    const b = bindKeyBody.parse(body);
    const { contextType, key } = b.contextKey;
    await services.heartbeats.bindKey(principal, b.source, b.contextID.contextId, contextType, key, linkis);
    return {};
  }),

  linkisRoute("POST", "heartbeat", "read", { body: heartbeatBody }, async (ctx) => {
    const { principal } = ctx;
    const b = heartbeatBody.parse((await readDialectBody(ctx)).body);
    const answer = await services.heartbeats.heartbeat(principal, b.source);
    if (!answer) throw notFound(`Listener client ${b.source} timed out and was removed. Bind its listeners again.`);
    // The heartbeat itself carries nothing serialized: it answers in the dialect its source was bound in.
    const changes = answer.linkisDialect ? answer.changes.map(serializeChangeBean) : answer.changes.map(bean);
    return { ContextKeyValueBean: changes, resync: answer.resync };
  }),
];
