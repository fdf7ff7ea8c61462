import { readdirSync, readFileSync } from "node:fs";
import { request } from "node:http";
import { join } from "node:path";

/** The captured requests of Linkis's Java client (copied from the shared capture into the fixtures). */
export const CAPTURE_DIR = join(import.meta.dirname, "..", "fixtures", "linkis-wire");
/** The context id the capture was taken against; replays put the test's own id in its place. */
export const CAPTURED_CONTEXT_ID = "8-8--cs_1_devcs_1_dev1";

export interface CapturedRequest {
  name: string;
  method: string;
  /** Path and query. */
  target: string;
  headers: Record<string, string>;
  body: string | undefined;
}

/** A `.http` file: request line, headers, a blank line, the body. */
export function readCapture(file: string): CapturedRequest {
  const text = readFileSync(join(CAPTURE_DIR, file), "utf8");
  const [head, ...rest] = text.split(/\r?\n\r?\n/);
  const [requestLine, ...headerLines] = head!.split(/\r?\n/);
  const [method, target] = requestLine!.split(" ");
  const headers = Object.fromEntries(
    headerLines.map((l) => {
      const i = l.indexOf(":");
      return [l.slice(0, i).trim(), l.slice(i + 1).trim()];
    }),
  );
  const body = rest.join("\n\n").trim();
  return { name: file, method: method!, target: target!, headers, body: body || undefined };
}

export const captureFiles = () => readdirSync(CAPTURE_DIR).filter((f) => f.endsWith(".http"));

/**
 * Sends a captured request as it was, with our token and context id in place of the capture's.
 * Through node:http, not fetch: fetch drops or refuses some of the client's headers (its
 * `Content-Encoding: utf-8` names a charset, not a coding), and the server must take them all.
 */
export async function replay(
  baseUrl: string,
  req: CapturedRequest,
  token: string,
  contextId: string,
  overrides: { tokenUser?: string } = {},
) {
  const swap = (s: string) => s.split(CAPTURED_CONTEXT_ID).join(contextId).split("<token>").join(token);
  const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, swap(v)]));
  if (overrides.tokenUser) headers["Token-User"] = overrides.tokenUser;
  const body = req.body === undefined ? undefined : Buffer.from(swap(req.body), "utf8");
  if (body) headers["Content-Length"] = String(body.length);
  const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    const sent = request(baseUrl + req.target, { method: req.method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, text: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    sent.on("error", reject);
    sent.end(body);
  });
  const envelope = JSON.parse(text) as { status: unknown; message: string; data: Record<string, unknown> };
  return { http: status, ...envelope };
}

export interface LinkisAnswer {
  http: number;
  status: unknown;
  message: string;
  data: Record<string, unknown>;
}

/**
 * A POST as the Java client's DWS actions send it: the Gson body, Token-Code with Token-User
 * `hadoop` (the client's fixed user), and the serialized id in a `contextID` header when given.
 */
export async function linkisPost(
  baseUrl: string,
  token: string,
  name: string,
  payload: Record<string, unknown>,
  idHeader?: string,
): Promise<LinkisAnswer> {
  const res = await fetch(`${baseUrl}/api/rest_j/v1/contextservice/${name}`, {
    method: "POST",
    headers: {
      "Token-Code": token,
      "Token-User": "hadoop",
      "Content-Type": "application/json",
      ...(idHeader ? { contextID: idHeader } : {}),
    },
    body: JSON.stringify(payload),
  });
  return { http: res.status, ...((await res.json()) as Omit<LinkisAnswer, "http">) };
}

/**
 * Linkis's deserialisation, layer by layer, as its client does it: a serialized object is a
 * JSON map `{type, value}` whose value is the object's JSON text.
 */
export function linkisDeserialize(text: unknown): { type: string; json: Record<string, unknown>; valueText: string } {
  if (typeof text !== "string") throw new Error(`expected a serialized string, got ${JSON.stringify(text)}`);
  const wrapper = JSON.parse(text) as Record<string, unknown>;
  if (typeof wrapper.type !== "string" || typeof wrapper.value !== "string")
    throw new Error(`not a Linkis-serialized object: ${text.slice(0, 200)}`);
  return { type: wrapper.type, json: JSON.parse(wrapper.value), valueText: wrapper.value };
}

/** A serialized contextValue → its keywords and its typed value (type name and JSON text). */
export function readContextValue(text: unknown) {
  const cv = linkisDeserialize(text);
  if (cv.type !== "contextValue") throw new Error(`expected contextValue, got ${cv.type}`);
  const typed = linkisDeserialize(cv.json.value);
  return {
    keywords: cv.json.keywords as string | null,
    type: typed.type,
    valueText: typed.valueText,
    value: typed.json,
  };
}

/** A serialized commonContextKeyValue → its key object and its value. */
export function readKeyValue(text: unknown) {
  const kv = linkisDeserialize(text);
  if (kv.type !== "commonContextKeyValue") throw new Error(`expected commonContextKeyValue, got ${kv.type}`);
  const key = linkisDeserialize(kv.json.key);
  if (key.type !== "commonContextKey") throw new Error(`expected commonContextKey, got ${key.type}`);
  return {
    key: key.json as { key: string; contextType: string; contextScope: string; keywords: string | null },
    value: readContextValue(kv.json.value),
  };
}

/** Linkis's wrapper around an object's JSON text, as its client writes it (Gson, `type` first). */
export const linkisSerialize = (type: string, valueText: string) => JSON.stringify({ type, value: valueText });

/** Builds requests the way Linkis's client does (every object serialized, nulls written out). */
export const linkisRequests = {
  contextId: (contextId: string | null, type = "HAWorkFlowContextID", extra: Record<string, unknown> = {}) =>
    linkisSerialize(
      type,
      JSON.stringify({
        instance: null,
        backupInstance: null,
        user: "hadoop",
        workspace: "bdapWorkspace",
        project: "cs_audit_project",
        flow: "flow1",
        contextId,
        version: "v000001",
        env: "BDP_DEV",
        ...extra,
      }),
    ),
  key: (key: string, contextType: string, keywords: string | null = null, contextScope = "PUBLIC") =>
    linkisSerialize("commonContextKey", JSON.stringify({ key, contextType, contextScope, keywords })),
  value: (type: string, valueText: string, keywords: string | null = null) =>
    linkisSerialize("contextValue", JSON.stringify({ keywords, value: linkisSerialize(type, valueText) })),
  keyValue: (key: string, value: string) => linkisSerialize("commonContextKeyValue", JSON.stringify({ value, key })),
  history: (type: string, fields: Record<string, string | null>) => linkisSerialize(type, JSON.stringify(fields)),
};
