import type { ServerResponse } from "node:http";

/**
 * Headers every answer carries, page or API: no framing (the Cleanup page must not be
 * clickjacked), no MIME sniffing, no full URLs leaking in Referer, and a CSP that keeps
 * scripts, styles and connections to this origin. Next.js inlines its bootstrap scripts and
 * styles, hence 'unsafe-inline'; its dev mode also evaluates code.
 */
export function securityHeaders(production: boolean): Record<string, string> {
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${production ? "" : " 'unsafe-eval'"}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self' ws: wss:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  return {
    "content-security-policy": csp,
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
  };
}

/** Sets the headers on a response before any handler (ours or Next's) writes it. */
export function applySecurityHeaders(res: ServerResponse, headers: Record<string, string>) {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
}
