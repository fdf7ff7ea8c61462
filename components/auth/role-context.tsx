"use client";

import { createContext, useContext, type ReactNode } from "react";

type Role = "admin" | "viewer";

// The signed-in user's role as the server read it from the session; viewers are the safe default.
const RoleContext = createContext<Role>("viewer");

/**
 * Hands the role to every client component of the dashboard, so admin controls are not drawn
 * for a viewer. It only hides them: the API refuses a viewer's admin calls (403) on its own.
 */
export function RoleProvider({ role, children }: { role: Role; children: ReactNode }) {
  return <RoleContext.Provider value={role}>{children}</RoleContext.Provider>;
}

export const useIsAdmin = () => useContext(RoleContext) === "admin";
