import type { IncomingHttpHeaders } from "node:http";
import type { Server as IoServer, Socket } from "socket.io";
import { z } from "zod";
import { AUTH_HINT } from "../auth/index.ts";
import { logger } from "../core/logger.ts";
import type { Principal } from "../core/roles.ts";
import { parsePublicId } from "../core/public-id.ts";
import { describeZodError, toAppError } from "../core/to-app-error.ts";
import type { Authenticate } from "../http/route.ts";
import type { LiveHub } from "./live/live-hub.ts";
import { socketOutlet } from "./live/outlet.ts";
import { subscribeRequestSchema } from "./live/subscribe-request.ts";

type Ack = (answer: unknown) => void;
/** Admins' sockets join this room: cleanup progress goes there. */
export const ADMIN_ROOM = "admins";
const unsubscribeSchema = z.object({ subscriptionId: z.string().min(1) }).strict();

/**
 * The socket.io namespace `/events`. Handshakes authenticate like REST calls: the session
 * cookie, `auth: { token }`, or an `Authorization: Bearer` header. Every principal that may
 * read may subscribe; viewers read everything.
 */
export interface EventsDeps {
  live: LiveHub;
  authenticate: Authenticate;
  /** Runs after authentication (the cross-site check for cookie sessions); throws to refuse the socket. */
  checkHandshake?: (headers: IncomingHttpHeaders, principal: Principal) => void;
}

export function attachEventsNamespace(io: IoServer, services: EventsDeps) {
  const events = io.of("/events");
  events.use(async (socket, next) => {
    try {
      const headers = { ...socket.handshake.headers };
      const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
      if (typeof token === "string" && token) headers.authorization = `Bearer ${token}`;
      const principal = await services.authenticate(headers, socket.handshake.address);
      if (!principal) return next(new Error(`unauthenticated: ${AUTH_HINT}`));
      services.checkHandshake?.(socket.handshake.headers, principal);
      socket.data.principal = principal;
      next();
    } catch (err) {
      next(new Error(toAppError(err).message));
    }
  });
  events.on("connection", (socket) => handleSocket(socket, services));
  return events;
}

function handleSocket(socket: Socket, services: EventsDeps) {
  const principal = socket.data.principal as Principal;
  const mine = new Set<string>();
  const outlet = socketOutlet(socket);
  // socket.io's id names the connection in every line about it, as a request id does for REST.
  const log = logger().child({ socketId: socket.id, user: principal.user });
  log.info({ address: socket.handshake.address }, "socket connected");
  if (principal.role === "admin") void socket.join(ADMIN_ROOM);

  socket.on("subscribe", (raw: unknown, ack?: Ack) => {
    const reply: Ack = typeof ack === "function" ? ack : () => {};
    const parsed = subscribeRequestSchema.safeParse(raw ?? {});
    if (!parsed.success) return reply({ error: describeZodError(parsed.error) });
    try {
      for (const id of parsed.data.filter?.contextIds ?? []) parsePublicId(id, "filter.contextIds");
      for (const id of Object.keys(parsed.data.resume ?? {})) parsePublicId(id, "resume");
    } catch (err) {
      return reply({ error: toAppError(err).message });
    }
    const sub = services.live.open(principal, parsed.data, outlet);
    mine.add(sub.id);
    reply({ subscriptionId: sub.id });
    services.live.catchUp(sub).catch((err) => {
      log.error({ err, subscriptionId: sub.id }, "catch-up failed");
      sub.emit("error", { message: toAppError(err).message });
      sub.close();
    });
  });

  socket.on("unsubscribe", (raw: unknown, ack?: Ack) => {
    const reply: Ack = typeof ack === "function" ? ack : () => {};
    const parsed = unsubscribeSchema.safeParse(raw);
    if (!parsed.success) return reply({ error: describeZodError(parsed.error) });
    mine.delete(parsed.data.subscriptionId);
    reply(
      services.live.unsubscribe(parsed.data.subscriptionId, principal)
        ? { ok: true }
        : { error: `No subscription ${parsed.data.subscriptionId} on this connection.` },
    );
  });

  socket.on("disconnect", (reason) => {
    log.info({ reason, subscriptions: mine.size }, "socket disconnected");
    for (const id of mine) services.live.unsubscribe(id, principal);
  });
}
