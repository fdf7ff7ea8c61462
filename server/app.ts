import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server as HttpServer,
  type ServerResponse,
} from "node:http";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Server as IoServer } from "socket.io";
import { publishAuthBridge } from "../lib/auth/credentials-bridge.ts";
import { PAGE_PATH_HEADER } from "../lib/auth/page-path.ts";
import { authenticate, AUTH_HINT } from "./auth/authenticate.ts";
import { csrfProblem, csrfRefusal, socketOriginProblem, socketRefusal } from "./auth/csrf.ts";
import { isLoginRequest, LoginGuard } from "./auth/login-guard.ts";
import { LoginThrottle } from "./auth/login-throttle.ts";
import { logSecurityEvent } from "./auth/security-log.ts";
import { endSessions } from "./auth/sessions.ts";
import { ensureAdmin } from "./auth/users.ts";
import type { Config } from "./config/env.ts";
import { createLogger, logger, setLogger, type Logger } from "./core/logger.ts";
import { bounded } from "./core/bounded.ts";
import { ensurePrivateDir } from "./config/private-files.ts";
import { applySecurityHeaders, securityHeaders } from "./http/security-headers.ts";
import { createApiHandler, isApiPath } from "./http/handle-api.ts";
import type { Route } from "./http/route.ts";
import { buildRoutes } from "./routes.ts";
import { openDatabase } from "./persistence/database.ts";
import type { Services } from "./services.ts";
import { createEngine, type Engine } from "./engine.ts";
import { ADMIN_ROOM, attachEventsNamespace } from "./listeners/events-namespace.ts";
import { LiveHub } from "./listeners/live/live-hub.ts";
import { ChangeLogReads } from "./listeners/change-log/change-log-reads.ts";
import { createHeartbeats } from "./listeners/heartbeat/create-heartbeats.ts";
import { HeartbeatStore } from "./listeners/heartbeat/heartbeat-store.ts";
import { LeaseStore } from "./cluster/lease-store.ts";
import { Cleaner } from "./cleanup/cleaner.ts";
import { SqliteClearThread } from "./cleanup/sqlite-clear-thread.ts";
import { sqliteFile } from "./persistence/migrate.ts";
import { RetentionSweep } from "./cleanup/retention-sweep.ts";
import { ClearTargetStore } from "./cleanup/clear-target-store.ts";
import { ClearJobStore } from "./cleanup/clear-job-store.ts";
import { AuditStore } from "./cleanup/audit-store.ts";
import { clearBatch } from "./cleanup/clear-batch.ts";
import { createNodeDirectory } from "./cluster/create-node-directory.ts";
import { attachRedisAdapter } from "./cluster/socket-adapter.ts";

type PageHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export interface App {
  services: Services;
  httpServer: HttpServer;
  io: IoServer;
  /** The route table the API answers from (the OpenAPI document lists these). */
  routes: readonly Route[];
  /** The admin password generated on first start (print it once), if one was. */
  generatedAdminPassword?: string;
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

const version = JSON.parse(readFileSync(path.resolve(process.cwd(), "package.json"), "utf8")).version as string;

export interface AppOptions {
  /** The process's logger; one at `LOG_LEVEL` on stdout when absent (main.ts passes a pretty one in dev). */
  logger?: Logger;
}

/**
 * Builds the whole server: database (migrated), services, one HTTP server carrying the REST
 * API, socket.io and (when `pages` is given) Next.js. Tests build it without pages.
 */
export async function createApp(config: Config, pages?: PageHandler, options: AppOptions = {}): Promise<App> {
  setLogger(options.logger ?? createLogger({ level: config.LOG_LEVEL }));
  ensurePrivateDir(config.dataDir);
  const database = await openDatabase(config.databaseUrl);
  const { generatedPassword } = await ensureAdmin(database.prisma, config.ADMIN_PASSWORD);
  const loginGuard = new LoginGuard(
    database.prisma,
    new LoginThrottle({
      perUser: config.LOGIN_MAX_FAILURES_PER_USER,
      perAddress: config.LOGIN_MAX_FAILURES_PER_ADDRESS,
      windowSeconds: config.LOGIN_LOCKOUT_SECONDS,
    }),
  );
  publishAuthBridge({
    checkCredentials: loginGuard.check,
    async signedOut(name) {
      await endSessions(database.prisma, name);
      logSecurityEvent({ event: "sessions-ended", user: name, reason: "sign-out" });
    },
  });

  const engine = createEngine(config, database);
  await engine.cluster?.start();
  const live = new LiveHub({
    bus: engine.bus,
    contexts: engine.contexts,
    store: engine.store,
    changeLog: new ChangeLogReads(database.prisma),
    queueLimit: config.LISTENER_QUEUE_LIMIT,
    progressMs: config.LISTENER_PROGRESS_MS,
  });
  // The process's own name in leases: two processes given one NODE_ID still never share one.
  const leases = engine.cluster && new LeaseStore(database.prisma, `${config.nodeId}/${randomUUID().slice(0, 8)}`);
  const heartbeats = createHeartbeats({
    store: new HeartbeatStore(database.prisma, {
      instance: config.INSTANCE_ALIAS,
      backupInstance: config.backupInstance,
    }),
    bus: engine.bus,
    contexts: engine.contexts,
    lease: leases && ((name, ttlMs) => leases.acquire(name, ttlMs)),
    timeoutMs: config.LISTENER_HEARTBEAT_TIMEOUT_MS,
    pendingLimit: config.LISTENER_QUEUE_LIMIT,
  });
  await heartbeats.start();
  // socket.io is created after the services it serves; progress reaches it through this holder.
  const sockets: { io?: IoServer } = {};
  const clearTargets = new ClearTargetStore(database.prisma);
  const cleaner = new Cleaner({
    jobs: new ClearJobStore(database.prisma),
    targets: clearTargets,
    audit: new AuditStore(database.prisma),
    clearHere: (rowIds, jobId) => clearBatch(database.prisma, rowIds, jobId),
    bus: engine.bus,
    forget(rowId) {
      engine.contexts.invalidate(rowId);
      engine.accessTimes.forget(rowId);
      heartbeats.forgetContext(rowId);
    },
    onProgress: (state) => sockets.io?.of("/events").to(ADMIN_ROOM).emit("cleanup-progress", state),
    // SQLite's driver is synchronous: a batch on the main connection would hold the event loop.
    offThread: database.provider === "sqlite" ? new SqliteClearThread(sqliteFile(config.databaseUrl)) : undefined,
    lease: leases && {
      acquire: (name, ttlMs) => leases.acquire(name, ttlMs),
      release: (name) => leases.release(name),
      ttlMs: config.CLUSTER_LEASE_MS,
    },
  });
  const retention = new RetentionSweep(clearTargets, cleaner);
  const startedAt = Date.now();
  const nodes = createNodeDirectory(
    {
      id: config.nodeId,
      version,
      startedAt,
      figures() {
        const cache = engine.cache.stats();
        return {
          cachedContexts: cache.contexts,
          cacheBytes: cache.bytes,
          hits: cache.hits,
          misses: cache.misses,
          liveSubscribers: live.size,
          heartbeatClients: heartbeats.size,
          heapUsed: process.memoryUsage().heapUsed,
        };
      },
    },
    {
      redisUrl: config.REDIS_URL,
      clusterName: config.CLUSTER_NAME,
      announceMs: config.CLUSTER_ANNOUNCE_MS,
      timeoutMs: config.CLUSTER_NODE_TIMEOUT_MS,
    },
  );
  const services: Services = {
    ...engine,
    live,
    heartbeats,
    cleaner,
    retention,
    nodes,
    config,
    database,
    startedAt,
    version,
  };
  const authenticateHeaders = (headers: IncomingHttpHeaders, remoteAddress?: string) =>
    authenticate(database.prisma, headers, config.authSecret, remoteAddress);
  const routes = buildRoutes(services, authenticateHeaders);
  const handleApi = createApiHandler(routes, {
    authenticate: authenticateHeaders,
    authHint: AUTH_HINT,
    bodyLimitBytes: config.BODY_LIMIT_BYTES,
    // A session cookie alone must not carry a write from another site (auth/csrf.ts).
    checkRequest(req, principal, url) {
      const csrf = csrfProblem(req, principal, config.NEXTAUTH_URL);
      if (!csrf) return;
      logSecurityEvent({
        event: "csrf-refused",
        user: principal.user,
        method: req.method ?? "",
        path: url.pathname,
        reason: csrf,
      });
      throw csrfRefusal(csrf);
    },
  });
  const headers = securityHeaders(process.env.NODE_ENV === "production");
  const httpServer = createServer((req, res) => {
    applySecurityHeaders(res, headers);
    // Behind a proxy or CLUSTER_WORKERS, which node answered (the same id as health and metrics).
    if (config.cluster) res.setHeader("x-node-id", config.nodeId);
    const pathname = (req.url ?? "/").split("?")[0]!;
    if (isApiPath(pathname, req.headers) || !pages) return void handleApi(req, res);
    if (isLoginRequest(req, pathname)) loginGuard.prepare(req, res);
    req.headers[PAGE_PATH_HEADER] = req.url ?? "/";
    pages(req, res).catch((err) => {
      logger().error({ err, path: pathname }, "page failed");
      if (!res.headersSent) res.writeHead(500).end("Internal error");
    });
  });
  const io = (sockets.io = new IoServer(httpServer, { serveClient: false }));
  // Cluster mode: room broadcasts (cleanup progress) reach the admins' sockets on every node.
  const ioAdapter = config.REDIS_URL
    ? attachRedisAdapter(io, { redisUrl: config.REDIS_URL, clusterName: config.CLUSTER_NAME })
    : undefined;
  attachEventsNamespace(io, {
    live,
    authenticate: authenticateHeaders,
    // A session cookie alone must not open a socket from another site's page (auth/csrf.ts).
    checkHandshake(handshakeHeaders, principal) {
      const problem = socketOriginProblem(handshakeHeaders, principal, config.NEXTAUTH_URL);
      if (!problem) return;
      logSecurityEvent({ event: "socket-refused", user: principal.user, reason: problem });
      throw socketRefusal(problem);
    },
  });
  // Clears a crash interrupted finish in the background; the sweep enforces expire times.
  cleaner
    .resumeUnfinished()
    .catch((err) => logger().error({ component: "cleanup", err }, "could not resume unfinished clears"));
  cleaner.watchOrphans();
  retention.start(config.RETENTION_SWEEP_INTERVAL);

  let closing: Promise<void> | undefined;
  return {
    services,
    httpServer,
    io,
    routes,
    generatedAdminPassword: generatedPassword,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        httpServer.once("error", reject);
        httpServer.listen(port, host, () => {
          httpServer.off("error", reject);
          const addr = httpServer.address();
          const bound = typeof addr === "object" && addr ? addr.port : port;
          // Announced once the port is known (PORT=0 picks one).
          void nodes.start(config.NODE_ADDRESS ?? `http://${advertisedHost(host)}:${bound}`);
          resolve(bound);
        });
      }),
    close: () =>
      (closing ??= shutdown(httpServer, io, engine, services, config.SHUTDOWN_GRACE_MS).finally(() =>
        ioAdapter?.close(),
      )),
  };
}

/** The host other nodes and operators reach this one at: the machine's name when listening on every interface. */
function advertisedHost(host: string | undefined) {
  return !host || host === "0.0.0.0" || host === "::" ? os.hostname() : host;
}

/** Stop accepting, let in-flight requests finish (up to the grace period), close sockets, then the database. */
async function shutdown(httpServer: HttpServer, io: IoServer, engine: Engine, services: Services, graceMs: number) {
  const httpClosed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
  // Keep-alive connections turn idle as their last request finishes: close them as they do.
  const idleSweep = setInterval(() => httpServer.closeIdleConnections(), 50);
  httpServer.closeIdleConnections();
  // Early, so the other nodes stop listing this one at once.
  await services.nodes.stop();
  services.live.stop();
  services.heartbeats.stop();
  services.retention.stop();
  io.disconnectSockets(true);
  const force = setTimeout(() => httpServer.closeAllConnections(), graceMs);
  await httpClosed;
  clearTimeout(force);
  clearInterval(idleSweep);
  await new Promise<void>((resolve) => io.close(() => resolve()));
  // Each later step gets its own bound: with a grace of 0, in-flight requests are cut at once, but
  // the last commits and the database still get a few seconds.
  const stepMs = Math.max(graceMs, 5_000);
  await bounded("engine.stop", engine.stop(), stepMs);
  await bounded("cleaner.close", services.cleaner.close(), stepMs);
  await bounded("database.close", services.database.close(), stepMs);
}
