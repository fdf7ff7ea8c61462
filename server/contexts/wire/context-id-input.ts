import { z } from "zod";
import { expireTypeSchema } from "../../core/context-types.ts";
import { dateInput } from "../../core/date-input.ts";
import { linkisSerialized } from "./linkis-serialized.ts";
import { LINKIS_ID_TYPES } from "./linkis/linkis-types.ts";

/** A Linkis workflow id's own fields; Linkis keeps them as JSON in the context's `source`. */
const WORKFLOW_FIELDS = ["workspace", "workSpace", "project", "flow", "version", "env", "nodeID"] as const;

/** The writable fields of a context, as services send them (Linkis names; unknown ones are ignored). */
export const contextFieldsSchema = z.object({
  user: z.string().max(256).nullish(),
  application: z.string().max(256).nullish(),
  source: z.string().max(256).nullish(),
  expireType: expireTypeSchema.nullish(),
  expireTime: dateInput.nullish(),
});

const idObject = z.object(
  {
    ...contextFieldsSchema.shape,
    // Linkis's client sends "contextId": null when creating.
    contextId: z.union([z.string().min(1), z.number().int().positive()]).nullish(),
  },
  { error: "must be a context id string, an object with contextId, or a Linkis-serialized context id" },
);

/** contextID as the public id string, an object with `contextId`, or a Linkis-serialized string. */
export const contextIdInput = z.preprocess((input, ctx) => {
  const decoded = linkisSerialized(LINKIS_ID_TYPES)(input, ctx);
  // A plain string is the public id itself; objects are checked field by field below.
  if (typeof decoded === "string") return { contextId: decoded };
  return withWorkflowSource(decoded);
}, idObject);

/** A Linkis workflow id (HAWorkFlowContextID, CombinedNodeIDContextID) without a source gets its fields as one. */
function withWorkflowSource(v: unknown): unknown {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return v;
  const o = v as Record<string, unknown>;
  if (o.source != null) return o;
  const fields = WORKFLOW_FIELDS.filter((f) => typeof o[f] === "string").map((f) => [f, o[f]]);
  return fields.length ? { ...o, source: JSON.stringify(Object.fromEntries(fields)).slice(0, 256) } : o;
}

/** A contextID that must name an existing context. */
export const existingContextId = contextIdInput.transform((v, ctx) => {
  if (v.contextId == null || v.contextId === "") {
    ctx.addIssue({ code: "custom", message: "contextId is required" });
    return z.NEVER;
  }
  return { ...v, contextId: String(v.contextId) };
});

export type ContextIdInput = z.infer<typeof contextIdInput>;
