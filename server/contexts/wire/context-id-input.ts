import { z } from "zod";
import { expireTypeSchema } from "../types.ts";
import { dateInput } from "./date-input.ts";
import { linkisSerialized } from "./linkis-serialized.ts";

const LINKIS_ID_TYPES = ["HAWorkFlowContextID", "HAContextID", "CommonHAContextID", "LinkisHAWorkFlowContextID"];

/** The writable fields of a context, as services send them (Linkis names; unknown ones are ignored). */
export const contextFieldsSchema = z.object({
  user: z.string().max(256).nullish(),
  application: z.string().max(256).nullish(),
  source: z.string().max(256).nullish(),
  expireType: expireTypeSchema.nullish(),
  expireTime: dateInput.nullish(),
});

const idObject = z.object(
  { ...contextFieldsSchema.shape, contextId: z.union([z.string().min(1), z.number().int().positive()]).optional() },
  { error: "must be a context id string, an object with contextId, or a Linkis-serialized context id" },
);

/** contextID as the public id string, an object with `contextId`, or a Linkis-serialized string. */
export const contextIdInput = z.preprocess((input, ctx) => {
  const decoded = linkisSerialized(LINKIS_ID_TYPES)(input, ctx);
  // A plain string is the public id itself; objects are checked field by field below.
  return typeof decoded === "string" ? { contextId: decoded } : decoded;
}, idObject);

/** A contextID that must name an existing context. */
export const existingContextId = contextIdInput.transform((v, ctx) => {
  if (v.contextId === undefined || v.contextId === "") {
    ctx.addIssue({ code: "custom", message: "contextId is required" });
    return z.NEVER;
  }
  return { ...v, contextId: String(v.contextId) };
});

export type ContextIdInput = z.infer<typeof contextIdInput>;
