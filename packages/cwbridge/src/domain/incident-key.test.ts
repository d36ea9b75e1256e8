import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { externalXRef, incidentKey, isCwbridgeXRef } from "./incident-key.js";

describe("incidentKey / externalXRef", () => {
  it("is deterministic and unambiguous", () => {
    expect(incidentKey({ sourceId: "am", fingerprint: "c0ffee" })).toBe("src=am;fp=c0ffee");
    expect(incidentKey({ sourceId: "a;b", alertId: "c" })).not.toBe(
      incidentKey({ sourceId: "a", alertId: "b;c" }),
    );
    expect(incidentKey({ sourceId: "s", alertId: "x" })).not.toBe(
      incidentKey({ sourceId: "s", fingerprint: "x" }),
    );
  });

  it("externalXRef is cwb:<32 hex>, stable, and carries no input text", () => {
    const key = incidentKey({ sourceId: "zabbix", alertId: "host=ceo-laptop.acme.com" });
    const xref = externalXRef(key);
    expect(xref).toMatch(/^cwb:[0-9a-f]{32}$/);
    expect(xref).toBe(externalXRef(key));
    expect(xref).not.toContain("ceo");
    expect(isCwbridgeXRef(xref)).toBe(true);
    expect(isCwbridgeXRef("cwb:xyz")).toBe(false);
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const x = externalXRef(incidentKey({ sourceId: a, alertId: b }));
        return x.length === 36 && x.length <= 100;
      }),
    );
  });
});
