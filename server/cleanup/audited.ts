import type { AuditStore } from "./audit-store.ts";
import type { Principal } from "../core/roles.ts";
import { toAppError } from "../core/to-app-error.ts";

/**
 * Runs one admin action of the dashboard and writes it to the audit log whatever its outcome:
 * a refused or failed action is as much an operator's act as a done one.
 */
export async function audited<T>(
  audit: AuditStore,
  principal: Principal,
  action: string,
  criteria: Record<string, unknown>,
  work: () => Promise<{ result: T; count: number }>,
): Promise<T> {
  const started = performance.now();
  try {
    const { result, count } = await work();
    await audit.write({
      actor: principal.user,
      action,
      criteria,
      count,
      durationMs: performance.now() - started,
      outcome: "ok",
    });
    return result;
  } catch (err) {
    const appErr = toAppError(err);
    await audit.write({
      actor: principal.user,
      action,
      criteria,
      count: 0,
      durationMs: performance.now() - started,
      outcome: appErr.code === "internal" || appErr.code === "unavailable" ? "failed" : "refused",
      detail: appErr.message,
    });
    throw err;
  }
}
