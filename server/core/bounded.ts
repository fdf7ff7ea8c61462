import { logger } from "./logger.ts";

/**
 * Waits for one shutdown step, but not for ever: a step that hangs (a database connection never
 * handed back, say) would keep a SIGTERMed process alive until something kills it harder. The
 * late step is logged by name and the caller goes on stopping; whatever it held goes with the
 * process. Resolves `true` when the step finished, `false` when it was left behind.
 */
export async function bounded(step: string, done: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  const finished = await Promise.race([done.then(() => true), late]).finally(() => clearTimeout(timer));
  if (!finished)
    logger().warn({ component: "shutdown", step, waitedMs: ms }, `${step} did not finish in time; going on`);
  return finished;
}
