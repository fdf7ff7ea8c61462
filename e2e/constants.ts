export const E2E_ADMIN_PASSWORD = "e2e-admin-password";
/** The e2e server also has a user `viewer` with this password (scripts/e2e-server.mjs), for the refusals. */
export const E2E_VIEWER_PASSWORD = "e2e-viewer-password";
