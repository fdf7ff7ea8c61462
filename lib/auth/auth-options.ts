import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { credentialsCheck } from "./credentials-bridge.ts";

declare module "next-auth" {
  interface Session {
    user: { name: string; role: "admin" | "viewer" };
  }
  interface User {
    role: "admin" | "viewer";
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    role?: "admin" | "viewer";
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
      async authorize(credentials) {
        if (!credentials?.username || !credentials.password) return null;
        const user = await credentialsCheck()(credentials.username, credentials.password);
        return user ? { id: user.name, name: user.name, role: user.role } : null;
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) token.role = user.role;
      return token;
    },
    session({ session, token }) {
      session.user = { name: token.name ?? "", role: token.role ?? "viewer" };
      return session;
    },
  },
};
