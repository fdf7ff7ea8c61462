/**
 * The custom server and the Next.js app run in one process but in separate module graphs
 * (Next bundles its own code). next-auth's credentials check must use the server's one
 * database client, so the server publishes its check here on globalThis before Next starts.
 */
export type CheckCredentials = (
  name: string,
  password: string,
) => Promise<{ name: string; role: "admin" | "viewer" } | null>;

const KEY = Symbol.for("contextservice.checkCredentials");

export function publishCredentialsCheck(check: CheckCredentials) {
  (globalThis as Record<symbol, unknown>)[KEY] = check;
}

export function credentialsCheck(): CheckCredentials {
  const check = (globalThis as Record<symbol, unknown>)[KEY] as CheckCredentials | undefined;
  if (!check)
    throw new Error(
      "The ContextService server has not published its credentials check: start the app with npm start / npm run dev.",
    );
  return check;
}
