import "server-only";
import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { authOptions } from "./auth-options.ts";
import { loginHref, PAGE_PATH_HEADER } from "./page-path.ts";

/** The signed-in user for a dashboard page; sends anyone else to the login page, which brings them back. */
export async function requireSession() {
  const session = await getServerSession(authOptions);
  if (!session?.user?.name) redirect(loginHref((await headers()).get(PAGE_PATH_HEADER)));
  return session.user;
}

/** The signed-in admin for an admin-only page; a viewer gets the 403 page (the API refuses them too). */
export async function requireAdmin() {
  const user = await requireSession();
  if (user.role !== "admin") forbidden();
  return user;
}
