import { describe, expect, it } from "vitest";
import { blockedAddressReason } from "./blocked-address.js";

describe("addresses never allowed as a ConnectWise server", () => {
  it("blocks link-local / metadata in IPv4 and every IPv6 form that embeds it", () => {
    for (const address of [
      "169.254.169.254",
      "169.254.0.0",
      "169.254.255.255",
      "::ffff:169.254.169.254",
      "::ffff:a9fe:a9fe",
      "[::ffff:a9fe:a9fe]",
      "::ffff:0:a9fe:a9fe",
      "::a9fe:a9fe",
      "64:ff9b::a9fe:a9fe",
      "2002:a9fe:a9fe::",
    ]) {
      expect(blockedAddressReason(address), address).toBe("link-local (cloud metadata service)");
    }
  });

  it("blocks unspecified, IPv6 link-local (with a zone), multicast, broadcast and the metadata hosts", () => {
    const table: [string, string][] = [
      ["0.0.0.0", "'this network' / unspecified"],
      ["0.1.2.3", "'this network' / unspecified"],
      ["::", "unspecified"],
      ["::0.0.0.2", "'this network' / unspecified"],
      ["fe80::1", "link-local"],
      ["fe80::1%eth0", "link-local"],
      ["febf:ffff::1", "link-local"],
      ["224.0.0.251", "multicast"],
      ["ff02::fb", "multicast"],
      ["255.255.255.255", "reserved / broadcast"],
      ["240.0.0.1", "reserved / broadcast"],
      ["fd00:ec2::254", "a cloud metadata service"],
      ["100.100.100.200", "a cloud metadata service"],
      ["psa.example.com", "not an IP address"],
    ];
    for (const [address, reason] of table)
      expect(blockedAddressReason(address), address).toBe(reason);
  });

  it("leaves public, private and loopback addresses to the opt-in", () => {
    for (const address of [
      "8.8.8.8",
      "10.0.0.5",
      "172.31.255.255",
      "192.168.1.10",
      "100.64.0.1",
      "127.0.0.1",
      "127.255.255.254",
      "::1",
      "::ffff:127.0.0.1",
      "::ffff:10.0.0.5",
      "fd12:3456::1",
      "fec0::1",
      "2001:db8::1",
      "2002:0a00:0005::1",
      "fe7f::1",
      "fec0::",
    ]) {
      expect(blockedAddressReason(address), address).toBeUndefined();
    }
  });
});
