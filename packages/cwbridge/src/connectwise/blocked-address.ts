/**
 * Addresses that are never a ConnectWise server, whatever the opt-ins: link-local (where cloud
 * metadata services live, 169.254.169.254 / fd00:ec2::254), "this network" and unspecified,
 * multicast, reserved and broadcast. IPv6 forms that embed an IPv4 address (IPv4-mapped,
 * IPv4-compatible, IPv4-translated, NAT64 `64:ff9b::/96`, 6to4 `2002::/16`) are judged by the
 * IPv4 address inside. Loopback and private ranges are NOT here: an on-prem server (or the
 * local emulator) may live there, behind the `allowOnPrem` opt-in.
 */
import { BlockList, isIP } from "node:net";

interface Range {
  readonly network: string;
  readonly prefix: number;
  readonly why: string;
}

const IPV4_RANGES: readonly Range[] = [
  { network: "0.0.0.0", prefix: 8, why: "'this network' / unspecified" },
  { network: "169.254.0.0", prefix: 16, why: "link-local (cloud metadata service)" },
  { network: "100.100.100.200", prefix: 32, why: "a cloud metadata service" },
  { network: "224.0.0.0", prefix: 4, why: "multicast" },
  { network: "240.0.0.0", prefix: 4, why: "reserved / broadcast" },
];

const IPV6_RANGES: readonly Range[] = [
  { network: "::", prefix: 128, why: "unspecified" },
  { network: "fe80::", prefix: 10, why: "link-local" },
  { network: "ff00::", prefix: 8, why: "multicast" },
  { network: "fd00:ec2::254", prefix: 128, why: "a cloud metadata service" },
];

const v4 = listOf(IPV4_RANGES, "ipv4");
const v6 = listOf(IPV6_RANGES, "ipv6");

/**
 * Why an IP address is never allowed as a ConnectWise server, or `undefined` when it may be one
 * (public; loopback and private ranges too: the opt-in decides those). Anything that is not an
 * IP address is refused (`"not an IP address"`): callers pass resolved or literal addresses.
 *
 * @example
 * blockedAddressReason("169.254.169.254"); // "link-local (cloud metadata service)"
 * blockedAddressReason("::ffff:a9fe:a9fe"); // "link-local (cloud metadata service)"
 * blockedAddressReason("10.0.0.5"); // undefined
 */
export function blockedAddressReason(address: string): string | undefined {
  const bare = address.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  const family = isIP(bare);
  if (family === 4) return reasonOf(v4, IPV4_RANGES, bare, "ipv4");
  if (family !== 6) return "not an IP address";
  const embedded = embeddedIpv4(groupsOf(bare));
  if (embedded !== undefined) return reasonOf(v4, IPV4_RANGES, embedded, "ipv4");
  return reasonOf(v6, IPV6_RANGES, bare, "ipv6");
}

function listOf(ranges: readonly Range[], type: "ipv4" | "ipv6"): readonly BlockList[] {
  return ranges.map((range) => {
    const list = new BlockList();
    list.addSubnet(range.network, range.prefix, type);
    return list;
  });
}

function reasonOf(
  lists: readonly BlockList[],
  ranges: readonly Range[],
  address: string,
  type: "ipv4" | "ipv6",
): string | undefined {
  const index = lists.findIndex((list) => list.check(address, type));
  return index === -1 ? undefined : ranges[index]?.why;
}

/** The eight 16-bit groups of a valid IPv6 address (dotted IPv4 tails included). */
function groupsOf(address: string): number[] {
  const canonical = new URL(`http://[${address}]/`).hostname.slice(1, -1);
  const [head = "", tail] = canonical.split("::");
  const parse = (part: string): number[] =>
    part === "" ? [] : part.split(":").map((g) => Number.parseInt(g, 16));
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  return [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
}

/** The IPv4 address an IPv6 address carries by a well-known prefix, if any. */
function embeddedIpv4(g: readonly number[]): string | undefined {
  const zero = (from: number, to: number): boolean => g.slice(from, to).every((x) => x === 0);
  const low = (hi: number, lo: number): string =>
    [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff].join(".");
  const [g0 = 0, g1 = 0, g2 = 0, , , g5 = 0, g6 = 0, g7 = 0] = g;
  // ::ffff:a.b.c.d (mapped), ::ffff:0:a.b.c.d (translated), 64:ff9b::a.b.c.d (NAT64)
  if (zero(0, 5) && g5 === 0xffff) return low(g6, g7);
  if (zero(0, 4) && g[4] === 0xffff && g5 === 0) return low(g6, g7);
  if (g0 === 0x64 && g1 === 0xff9b && zero(2, 6)) return low(g6, g7);
  // 2002:AABB:CCDD::/48 (6to4)
  if (g0 === 0x2002) return low(g1, g2);
  // ::a.b.c.d (IPv4-compatible, deprecated), but not :: (unspecified) or ::1 (loopback)
  if (zero(0, 6) && (g6 !== 0 || g7 > 1)) return low(g6, g7);
  return undefined;
}
