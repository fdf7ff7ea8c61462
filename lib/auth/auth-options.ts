import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { authBridge, TOO_MANY_ATTEMPTS } from "./credentials-bridge.ts";

declare module "next-auth" {
  interface Session {
    user: { name: string; role: "admin" | "viewer" };
  }
  interface User {
    role: "admin" | "viewer";
    sessionVersion: number;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    role?: "admin" | "viewer";
    /** The user's session version at login; the server refuses the cookie once it moves on. */
    sv?: number;
  }
}

/** Dashboard login: user name + password checked by the server; the role rides in the JWT. */
export const authOptions: NextAuthOptions = {
  secret: process.env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: 12 * 3600 },
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      name: "ContextService",
      credentials: { username: { label: "User", type: "text" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        if (!credentials?.username || !credentials.password) return null;
        const user = await authBridge().checkCredentials(credentials.username, credentials.password, req?.headers);
        // The server turns this attempt's answer into 429 with Retry-After.
        if (user && "retryAfterSec" in user) throw new Error(TOO_MANY_ATTEMPTS);
        return user ? { id: user.name, name: user.name, role: user.role, sessionVersion: user.sessionVersion } : null;
      },
    }),
  ],
  events: {
    // Sign-out ends the session on the server too, not only the cookie in this browser.
    async signOut({ token }) {
      if (token?.name) await authBridge().signedOut(token.name);
    },
  },
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.role = user.role;
        token.sv = user.sessionVersion;
      }
      return token;
    },
    session({ session, token }) {
      session.user = { name: token.name ?? "", role: token.role ?? "viewer" };
      return session;
    },
  },
};
