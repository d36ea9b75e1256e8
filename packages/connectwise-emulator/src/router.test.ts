import { describe, expect, it } from "vitest";
import { CwHttpError } from "./errors.js";
import { routeApi } from "./router.js";

function status(method: string, path: string): number {
  try {
    routeApi(method, path);
    return 200;
  } catch (error) {
    return error instanceof CwHttpError ? error.status : -1;
  }
}

describe("routeApi", () => {
  it("routes collections, counts, ids and parents case-insensitively", () => {
    expect(routeApi("GET", "/Service/Tickets")).toMatchObject({
      kind: "resource",
      op: "list",
      id: undefined,
    });
    expect(routeApi("GET", "/service/tickets/count")).toMatchObject({ op: "count" });
    expect(routeApi("PATCH", "/service/tickets/42")).toMatchObject({ op: "patch", id: 42 });
    expect(routeApi("GET", "/service/boards/3/STATUSES/7")).toMatchObject({
      op: "get",
      parentId: 3,
      id: 7,
      def: { table: "boardStatuses" },
    });
    expect(routeApi("GET", "/company/companies/types")).toMatchObject({
      def: { table: "companyTypes" },
      op: "list",
    });
    expect(routeApi("GET", "/system/securityroles/2/settings")).toMatchObject({
      def: { table: "securityRoleSettings" },
      parentId: 2,
    });
  });

  it("routes members by identifier and the special endpoints", () => {
    expect(routeApi("GET", "/system/members/JDoe")).toMatchObject({
      def: { table: "members" },
      id: "JDoe",
    });
    expect(routeApi("POST", "/service/tickets/search")).toEqual({
      kind: "special",
      name: "ticketSearch",
    });
    expect(routeApi("GET", "/service/tickets/5/configurations/9")).toEqual({
      kind: "ticketConfigurations",
      op: "get",
      parentId: 5,
      id: 9,
    });
  });

  it("404s unknown paths and 405s unlisted methods", () => {
    expect(status("GET", "/service/tickets/abc")).toBe(404);
    expect(status("GET", "/service/tickets/1/2/3")).toBe(404);
    expect(status("GET", "/nowhere")).toBe(404);
    expect(status("POST", "/service/impacts")).toBe(405);
    expect(status("DELETE", "/system/members/5")).toBe(405);
    expect(status("PUT", "/system/securityroles/1")).toBe(405);
    expect(status("PATCH", "/service/tickets/5/configurations/1")).toBe(405);
    expect(status("GET", "/service/tickets/search")).toBe(405);
  });
});
