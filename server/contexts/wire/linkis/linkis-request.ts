import type { RequestContext } from "../../../http/route.ts";
import { unwrap } from "./serialized.ts";

/** Fields the Linkis client sends serialized; one of them serialized makes the request Linkis-dialect. */
const SERIALIZED_FIELDS = ["contextID", "contextKey", "contextKeyValue", "contextValue", "contextHistory"];

export interface DialectBody {
  body: Record<string, unknown>;
  /** The request came in Linkis's serialized form: answer in it too. */
  linkis: boolean;
}

/**
 * The request body with the dialect it speaks. Linkis's client also sends the serialized
 * context id in a `contextID` header: it stands in for a body that has none.
 */
export async function readDialectBody(ctx: Pick<RequestContext, "body" | "req">): Promise<DialectBody> {
  const raw = await ctx.body();
  const body: Record<string, unknown> =
    typeof raw === "object" && raw !== null && !Array.isArray(raw) ? { ...(raw as Record<string, unknown>) } : {};
  const header = ctx.req.headers.contextid;
  const headerId = Array.isArray(header) ? header[0] : header;
  if (body.contextID == null && headerId) body.contextID = headerId;
  const linkis = SERIALIZED_FIELDS.some((f) => typeof body[f] === "string" && unwrap(body[f]) !== null);
  return { body, linkis };
}
