import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { authOptions } from "./auth-options.ts";

/** The signed-in user for a dashboard page; sends anyone else to the login page. */
export async function requireSession() {
  const session = await getServerSession(authOptions);
  if (!session?.user?.name) redirect("/login");
  return session.user;
}
