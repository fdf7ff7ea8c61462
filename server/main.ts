import cluster from "node:cluster";
import next from "next";
import { createApp } from "./app.ts";
import { runWorkers } from "./cluster/worker-processes.ts";
import { ConfigError } from "./config/config-error.ts";
import { loadConfig, loadDotEnv } from "./config/env.ts";
import { createLogger, logger } from "./core/logger.ts";
import { DatabaseOpenError } from "./persistence/database.ts";

/**
 * Entry point of `npm start` (--production) and `npm run dev`. `--no-dashboard` serves the
 * REST API and socket.io without the Next.js pages (service-only nodes, process-level tests).
 */
async function main() {
  const production = process.argv.includes("--production");
  const dashboard = !process.argv.includes("--no-dashboard");
  // Next reads NODE_ENV itself; set it before anything imports React.
  (process.env as Record<string, string>).NODE_ENV = production ? "production" : "development";
  loadDotEnv();
  const config = loadConfig();
  process.env.NEXTAUTH_SECRET = config.authSecret;
  process.env.NEXTAUTH_URL ??= `http://localhost:${config.PORT}`;
  process.env.NEXT_TELEMETRY_DISABLED ??= "1"; // the network is closed; do not try
  // JSON lines when the output goes to a file, a pipe or a log shipper; readable ones in
  // `npm run dev` on a terminal (pino-pretty, a dev dependency, so never in production).
  const log = createLogger({ level: config.LOG_LEVEL, pretty: !production && process.stdout.isTTY === true });

  // CLUSTER_WORKERS=N: this process only forks and watches N workers, each a whole node.
  if (cluster.isPrimary && config.CLUSTER_WORKERS > 1) {
    log.info(`ContextService: starting ${config.CLUSTER_WORKERS} workers on port ${config.PORT}`);
    process.exit(await runWorkers(config.CLUSTER_WORKERS, config.nodeId, log));
  }

  const nextApp = dashboard
    ? next({ dev: !production, hostname: "localhost", port: config.PORT, dir: process.cwd() })
    : undefined;
  const [app] = await Promise.all([
    createApp(config, nextApp?.getRequestHandler() as never, { logger: log }),
    nextApp?.prepare(),
  ]);
  const port = await app.listen(config.PORT, config.HOST);

  const where = `http://localhost:${port}`;
  // Warn, not info: the only time this password is shown must survive a quiet LOG_LEVEL. Before
  // the address line, so whoever waits for that line has the password too.
  if (app.generatedAdminPassword)
    log.warn(
      `First start: created user "admin" with password ${app.generatedAdminPassword} (shown once; set ADMIN_PASSWORD before the first start to choose it)`,
    );
  log.info(
    { version: app.services.version, port, database: config.provider, ...(config.cluster && { node: config.nodeId }) },
    `ContextService ${app.services.version} (${production ? "production" : "development"}) on ${where} — database: ${config.provider}`,
  );
  if (dashboard) log.info(`Log in at ${where}/login`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: finishing in-flight requests, then stopping`);
    try {
      await app.close();
      await nextApp?.close?.();
      process.exit(0);
    } catch (err) {
      log.error({ err }, "Shutdown failed");
      process.exit(1);
    }
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

// One fatal line. The configuration may be what failed, so this is the default logger (JSON, stdout).
main().catch((err) => {
  if (err instanceof ConfigError || err instanceof DatabaseOpenError)
    logger().fatal(`ContextService cannot start: ${err.message}`);
  else if ((err as NodeJS.ErrnoException).code === "EADDRINUSE")
    logger().fatal(
      `ContextService cannot start: port ${(err as { port?: number }).port ?? ""} is in use; set PORT to a free port.`,
    );
  else logger().fatal({ err }, "ContextService cannot start");
  process.exit(1);
});
