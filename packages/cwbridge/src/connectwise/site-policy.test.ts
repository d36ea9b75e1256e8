import { describe, expect, it } from "vitest";
import { isWriteRequest, logPath } from "./request-log-plugin.js";
import { checkSitePolicy, isCloudSite } from "./site-policy.js";

const fields = (site: string, allowOnPrem = false, allowInsecure = false): string[] =>
  checkSitePolicy({ site, allowOnPrem, allowInsecure }).map((i) => i.field);

describe("site policy", () => {
  it("allows cloud regions and cloud API origins", () => {
    expect(isCloudSite("eu")).toBe(true);
    expect(isCloudSite("https://api-na.myconnectwise.net")).toBe(true);
    expect(isCloudSite("http://api-na.myconnectwise.net")).toBe(false);
    expect(fields("na")).toEqual([]);
  });

  it("needs the on-prem opt-in, and allowInsecure for http", () => {
    expect(fields("https://psa.example.com")).toEqual(["allowOnPrem"]);
    expect(fields("https://psa.example.com", true)).toEqual([]);
    expect(fields("http://cw.emulator", true)).toEqual(["allowInsecure"]);
    expect(fields("http://cw.emulator", true, true)).toEqual([]);
  });

  it("rejects credentials, paths, login hosts and other schemes", () => {
    expect(fields("https://u:p@psa.example.com", true)).toEqual(["site"]);
    expect(fields("https://psa.example.com/v4_6_release", true)).toEqual(["site"]);
    expect(fields("https://na.myconnectwise.net", true)).toEqual(["site"]);
    expect(fields("ftp://psa.example.com", true)).toEqual(["site"]);
    expect(fields("not a url")).toEqual(["site"]);
  });
});

describe("events-log helpers", () => {
  it("splits the API path and codebase from a URL", () => {
    expect(logPath("http://cw.emulator/v2025_1/apis/3.0/service/tickets?page=2", (t) => t)).toEqual(
      {
        path: "/service/tickets?page=2",
        bare: "/service/tickets",
        codebase: "v2025_1/",
      },
    );
    expect(logPath("https://h/login/companyinfo/acme", (t) => t).codebase).toBeUndefined();
  });

  it("treats searches as reads and everything else but GET as a write", () => {
    expect(isWriteRequest("GET", "/service/tickets")).toBe(false);
    expect(isWriteRequest("POST", "/service/tickets/search")).toBe(false);
    expect(isWriteRequest("POST", "/service/tickets")).toBe(true);
    expect(isWriteRequest("DELETE", "/service/tickets/1")).toBe(true);
  });
});
