/**
 * The custom server and the Next.js app run in one process but in separate module graphs
 * (Next bundles its own code). next-auth's credentials check must use the server's one
 * database client and login throttle, so the server publishes them here on globalThis before
 * Next starts.
 */
export type CheckCredentials = (
  name: string,
  password: string,
  /** The request's headers as next-auth hands them to authorize(): the server's attempt marks ride there. */
  headers: unknown,
) => Promise<{ name: string; role: "admin" | "viewer"; sessionVersion: number } | { retryAfterSec: number } | null>;

export interface AuthBridge {
  checkCredentials: CheckCredentials;
  /** A user signed out: end every session of theirs. */
  signedOut(name: string): Promise<void>;
}

const KEY = Symbol.for("contextservice.authBridge");

export function publishAuthBridge(bridge: AuthBridge) {
  (globalThis as Record<symbol, unknown>)[KEY] = bridge;
}

export function authBridge(): AuthBridge {
  const bridge = (globalThis as Record<symbol, unknown>)[KEY] as AuthBridge | undefined;
  if (!bridge)
    throw new Error(
      "The ContextService server has not published its credentials check: start the app with npm start / npm run dev.",
    );
  return bridge;
}

/** The error next-auth carries to the login page (`?error=`) when a user or address is locked out. */
export const TOO_MANY_ATTEMPTS = "TooManyAttempts";
