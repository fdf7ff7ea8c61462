import { describe, expect, it } from "vitest";
import { withTestServer } from "../../support/with-test-server.ts";

type Operation = {
  parameters: { name: string; in: string; required: boolean }[];
  requestBody?: { content: { "application/json": { schema: { properties?: Record<string, unknown> } } } };
  security: unknown[];
  "x-permission": string;
};
type Document = { openapi: string; info: { version: string }; paths: Record<string, Record<string, Operation>> };

const harness = withTestServer();
const fetchDocument = async () => {
  // No token: the document is public, like the API's documentation.
  const res = await harness.server.request("/api/openapi.json", { token: null });
  expect(res.status).toBe(200);
  return (await res.json()) as Document;
};

describe("GET /api/openapi.json", () => {
  it("lists every route of the route table, by method and path, and nothing else", async () => {
    const doc = await fetchDocument();
    expect(doc.openapi).toBe("3.1.0");
    const routes = harness.server.app.routes;
    const listed = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const expected = routes.map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, "{$1}")}`);
    expect(routes.length).toBeGreaterThan(40);
    expect(listed.sort()).toEqual([...expected].sort());
    for (const route of routes) {
      const op = doc.paths[route.path.replace(/:(\w+)/g, "{$1}")]![route.method.toLowerCase()]!;
      expect(op["x-permission"]).toBe(route.permission);
      expect(op.security.length === 0).toBe(route.permission === "public");
    }
  });

  it("shows bodies, path parameters and query parameters from the handlers' zod schemas", async () => {
    const doc = await fetchDocument();
    const setValue = doc.paths["/api/rest_j/v1/contextservice/setValue"]!.post!;
    expect(Object.keys(setValue.requestBody!.content["application/json"].schema.properties!)).toEqual([
      "contextID",
      "contextKeyValue",
    ]);
    const search = doc.paths["/api/rest_j/v1/contextservice/searchContextIDByTime"]!.get!;
    expect(search.parameters.map((p) => p.name)).toEqual(expect.arrayContaining(["pageNow", "pageSize"]));
    const entries = doc.paths["/api/v1/contexts/{id}/entries"]!.get!;
    expect(entries.parameters).toContainEqual(expect.objectContaining({ name: "id", in: "path", required: true }));
    expect(entries.parameters).toContainEqual(expect.objectContaining({ name: "limit", in: "query" }));
  });
});

describe("request bodies in /api/openapi.json", () => {
  it("documents a body for every POST that reads one", async () => {
    const doc = await fetchDocument();
    const withoutBody = Object.entries(doc.paths).flatMap(([path, ops]) =>
      ops.post && !ops.post.requestBody ? [path] : [],
    );
    // The two admin actions that act on the context in the path and read no body.
    expect(withoutBody.sort()).toEqual(["/api/v1/contexts/{id}/remove", "/api/v1/contexts/{id}/reset"]);
    const create = doc.paths["/api/v1/users"]!.post!.requestBody!.content["application/json"].schema;
    expect(Object.keys(create.properties!)).toEqual(["name", "role", "password"]);
  });
});
