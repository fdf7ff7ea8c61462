import { z, type ZodType } from "zod";
import { permissions } from "../core/roles.ts";
import { LINKIS_PREFIX, type Route } from "./route.ts";

export interface OpenApiInfo {
  title: string;
  version: string;
  description?: string;
}

type JsonSchema = Record<string, unknown>;

/**
 * An OpenAPI 3.1 document of a route table, its bodies and queries from the routes' own zod
 * schemas (zod's JSON Schema output is draft 2020-12, which 3.1 uses as is). The wire contract
 * in words stays docs/API.md; this is the machine-readable map of every method and path.
 */
export function openApiDocument(routes: readonly Route[], info: OpenApiInfo) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.path.replace(/:([A-Za-z0-9_]+)/g, "{$1}");
    (paths[path] ??= {})[route.method.toLowerCase()] = operation(route);
  }
  return {
    openapi: "3.1.0",
    info,
    paths,
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "An API token (npm run token:create)." },
        tokenCode: { type: "apiKey", in: "header", name: "Token-Code", description: "Linkis style, with Token-User." },
        tokenUser: { type: "apiKey", in: "header", name: "Token-User" },
        session: { type: "apiKey", in: "cookie", name: "next-auth.session-token", description: "Dashboard session." },
      },
      schemas: { LinkisEnvelope: linkisEnvelope },
    },
  };
}

const linkisEnvelope: JsonSchema = {
  type: "object",
  description: "Linkis's envelope: status 0 with data, or non-zero with message (docs/API.md, Envelope).",
  properties: {
    method: { type: "string" },
    status: { type: "integer" },
    message: { type: "string" },
    data: { type: "object" },
  },
  required: ["method", "status", "message", "data"],
};
const envelopeRef = { $ref: "#/components/schemas/LinkisEnvelope" };

function operation(route: Route) {
  const pathParams = [...route.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => ({
    name: m[1],
    in: "path",
    required: true,
    schema: { type: "string" },
  }));
  const json = (schema: unknown) => ({ "application/json": { schema } });
  return {
    operationId: `${route.method.toLowerCase()}${route.path.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string = "") => c.toUpperCase())}`,
    tags: [tagOf(route.path)],
    ...(route.summary ? { summary: route.summary } : {}),
    parameters: [...pathParams, ...queryParams(route.query)],
    ...(route.body ? { requestBody: { required: true, content: json(jsonSchema(route.body)) } } : {}),
    security: route.permission === "public" ? [] : [{ bearer: [] }, { tokenCode: [], tokenUser: [] }, { session: [] }],
    "x-permission": route.permission,
    ...(route.permission === "public" ? {} : { "x-roles": permissions[route.permission] }),
    responses: {
      "200": {
        description: route.style === "raw" ? "Written by the handler itself (docs/API.md)." : "Success.",
        ...(route.style === "linkis" ? { content: json(envelopeRef) } : {}),
        ...(route.style === "json" ? { content: json({}) } : {}),
      },
      default: { description: "An error, as the Linkis envelope with a non-zero status.", content: json(envelopeRef) },
    },
  };
}

const tagOf = (path: string) =>
  path.startsWith(LINKIS_PREFIX) ? "linkis" : path.startsWith("/api/v1/") ? path.split("/")[3]! : "service";

/** A query schema's properties as OpenAPI parameters. */
function queryParams(query: ZodType | undefined) {
  if (!query) return [];
  const schema = jsonSchema(query);
  const required = new Set((schema.required as string[] | undefined) ?? []);
  return Object.entries((schema.properties as Record<string, JsonSchema> | undefined) ?? {}).map(([name, s]) => ({
    name,
    in: "query",
    required: required.has(name),
    schema: s,
  }));
}

/** What a caller sends (`io: "input"`); transforms and refinements have no JSON Schema and show as any value. */
function jsonSchema(schema: ZodType): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
  return rest;
}
