import { encode } from "next-auth/jwt";

/** The AUTH_SECRET every test server runs with (test-server.ts). */
export const TEST_AUTH_SECRET = "test-secret-test-secret-test-secret-000";

/** A dashboard session cookie as next-auth would set it after a login (`sv`: the user's session version then). */
export async function sessionCookie(name: string, role: "admin" | "viewer", sv = 0) {
  const value = await encode({ token: { name, role, sv }, secret: TEST_AUTH_SECRET });
  return `next-auth.session-token=${value}`;
}
