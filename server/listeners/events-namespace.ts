import type { Server as IoServer } from "socket.io";
import { authenticate, AUTH_HINT } from "../auth/authenticate.ts";
import { toAppError } from "../http/to-app-error.ts";
import type { Services } from "../services.ts";

/**
 * The socket.io namespace `/events`. Handshakes authenticate like REST calls: the session
 * cookie, `auth: { token }`, or an `Authorization: Bearer` header.
 */
export function attachEventsNamespace(io: IoServer, services: Services) {
  const events = io.of("/events");
  events.use(async (socket, next) => {
    try {
      const headers = { ...socket.handshake.headers };
      const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
      if (typeof token === "string" && token) headers.authorization = `Bearer ${token}`;
      const principal = await authenticate(services.database.prisma, headers, services.config.authSecret);
      if (!principal) return next(new Error(`unauthenticated: ${AUTH_HINT}`));
      socket.data.principal = principal;
      next();
    } catch (err) {
      next(new Error(toAppError(err).message));
    }
  });
  return events;
}
