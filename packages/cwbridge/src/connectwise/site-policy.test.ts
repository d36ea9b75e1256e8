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

describe("site policy: URL shape, for every kind of site (issue #7.4)", () => {
  it("refuses credentials, paths, queries and fragments in a cloud API URL too", () => {
    for (const site of [
      "https://user:pw@api-na.myconnectwise.net",
      "https://user@api-na.myconnectwise.net",
      "https://:pw@api-na.myconnectwise.net",
      "https://api-na.myconnectwise.net/v4_6_release",
      "https://api-na.myconnectwise.net/v4_6_release/apis/3.0",
      "https://api-na.myconnectwise.net?x=1",
      "https://api-na.myconnectwise.net?",
      "https://api-na.myconnectwise.net#frag",
    ]) {
      expect(fields(site), site).toEqual(["site"]);
      expect(fields(site, true, true), site).toEqual(["site"]);
      expect(isCloudSite(site), site).toBe(false);
    }
    expect(fields("https://api-na.myconnectwise.net/")).toEqual([]);
  });

  it("never echoes the credentials of a refused URL", () => {
    for (const allowOnPrem of [false, true]) {
      for (const site of [
        "https://planted:S3cretPw@api-na.myconnectwise.net",
        "https://planted:S3cretPw@psa.example.com/x",
        "http://planted:S3cretPw@169.254.169.254",
      ]) {
        const text = JSON.stringify(
          checkSitePolicy({ site, allowOnPrem, allowInsecure: allowOnPrem }),
        );
        expect(text).toContain("credentials");
        expect(text).not.toContain("S3cretPw");
        expect(text).not.toContain("planted");
      }
    }
  });

  it("names the CLI flag to use", () => {
    const messages = (site: string, allowOnPrem = false) =>
      checkSitePolicy({ site, allowOnPrem, allowInsecure: false }).map((i) => i.message);
    expect(messages("https://u:p@api-na.myconnectwise.net")).toEqual([
      expect.stringContaining("--site"),
    ]);
    expect(messages("https://psa.example.com")).toEqual([
      expect.stringContaining("--allow-on-prem"),
    ]);
    expect(messages("http://psa.example.com", true)).toEqual([
      expect.stringContaining("--allow-insecure"),
    ]);
  });
});

describe("site policy: addresses never allowed, even with the opt-ins (issue #7.5)", () => {
  const METADATA_SPELLINGS = [
    "169.254.169.254",
    "2852039166",
    "0xa9fea9fe",
    "0XA9FEA9FE",
    "0251.0376.0251.0376",
    "169.254.43518",
    "169.16689662",
    "0xa9.0xfe.0xa9.0xfe",
    "[::ffff:169.254.169.254]",
    "[::ffff:a9fe:a9fe]",
    "[0:0:0:0:0:ffff:a9fe:a9fe]",
    "[::a9fe:a9fe]",
    "[64:ff9b::a9fe:a9fe]",
    "[2002:a9fe:a9fe::1]",
    "169.254.0.1",
  ];
  const OTHER_NEVER = [
    "[fe80::1]",
    "[febf::abcd]",
    "[fd00:ec2::254]",
    "0.0.0.0",
    "0",
    "[::]",
    "224.0.0.1",
    "239.255.255.250",
    "255.255.255.255",
    "[ff02::1]",
    "100.100.100.200",
  ];

  it("refuses 169.254.169.254 in every spelling the URL parser accepts, and other never-ConnectWise addresses", () => {
    for (const host of [...METADATA_SPELLINGS, ...OTHER_NEVER]) {
      for (const scheme of ["https", "http"]) {
        const site = `${scheme}://${host}`;
        const issues = checkSitePolicy({ site, allowOnPrem: true, allowInsecure: true });
        expect(
          issues.map((i) => i.field),
          site,
        ).toEqual(["site"]);
        expect(issues[0]?.message, site).toContain("never a ConnectWise server");
      }
      expect(fields(`https://${host}:8443`, true), host).toEqual(["site"]);
    }
    expect(fields("https://169.254.169.254", true)).toEqual(["site"]);
  });

  it("keeps private ranges, loopback and host names allowed behind the opt-in", () => {
    for (const host of [
      "10.0.0.5",
      "192.168.1.10",
      "172.16.0.1",
      "100.64.0.1",
      "127.0.0.1",
      "[::1]",
      "localhost",
      "[fd12:3456::1]",
      "[::ffff:10.0.0.5]",
      "psa.example.com",
      "169.254.169.254.example.com",
    ]) {
      expect(fields(`https://${host}`), host).toEqual(["allowOnPrem"]);
      expect(fields(`https://${host}`, true), host).toEqual([]);
      expect(fields(`http://${host}:8080`, true, true), host).toEqual([]);
    }
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
