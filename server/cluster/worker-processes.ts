import cluster, { type Worker } from "node:cluster";
import type { Logger } from "../core/logger.ts";

/** A worker that exits after it served is started again after this pause, so a crash loop cannot spin. */
const RESTART_MS = 1000;

/**
 * The primary process of `CLUSTER_WORKERS=N`: forks N workers running this same entry point,
 * each a whole node of the cluster (`NODE_ID` `<nodeId>-w<i>`) listening on the one shared port
 * (node:cluster hands connections out round-robin). The first worker starts alone, since it may
 * migrate the database and create the admin; the rest then start together. A worker that dies
 * after it listened is started again; one that fails to start stops everything (a wrong setting
 * would fail every time). SIGTERM/SIGINT go on to the workers, which stop as one node does.
 * Resolves with the exit code once every worker is gone.
 */
export function runWorkers(count: number, nodeId: string, log: Logger): Promise<number> {
  return new Promise((resolve) => {
    const live = new Map<number, Worker>();
    let stopping = false;
    let code = 0;

    const stopAll = (exitCode: number) => {
      if (stopping) return;
      stopping = true;
      code = exitCode;
      for (const w of live.values()) w.process.kill("SIGTERM");
      if (live.size === 0) resolve(code);
    };

    const fork = (index: number) =>
      new Promise<void>((listening) => {
        const worker = cluster.fork({ NODE_ID: `${nodeId}-w${index}` });
        let served = false;
        live.set(index, worker);
        worker.once("listening", () => {
          served = true;
          listening();
        });
        worker.once("exit", (exitCode, signal) => {
          live.delete(index);
          if (stopping) {
            if (live.size === 0) resolve(code);
            return;
          }
          if (!served) {
            log.fatal({ worker: index, exitCode }, `worker ${index} could not start; stopping the others`);
            stopAll(1);
            listening();
            return;
          }
          log.error({ worker: index, exitCode, signal }, `worker ${index} died; starting it again`);
          setTimeout(() => void (stopping ? undefined : fork(index)), RESTART_MS);
        });
      });

    for (const signal of ["SIGTERM", "SIGINT"] as const)
      process.on(signal, () => {
        log.info(`${signal}: stopping ${live.size} workers`);
        stopAll(0);
      });

    void fork(1).then(() => {
      if (!stopping) for (let i = 2; i <= count; i++) void fork(i);
    });
  });
}
