/**
 * Which resolved addresses an outbound request may reach. Responder URLs come from
 * certificates anyone can mint, so by default we refuse everything that is not a
 * public unicast address (SSRF defence).
 */
import { BlockList, isIP } from "node:net";

/** The kinds of address refused, as a reason names them ("127.0.0.1 is a loopback address"). */
type RangeKind =
  | "an unspecified"
  | "a loopback"
  | "a private"
  | "a shared (CGNAT)"
  | "a link-local"
  | "a documentation"
  | "a benchmarking"
  | "a multicast"
  | "a reserved";

const v4: [string, number, RangeKind][] = [
  ["0.0.0.0", 8, "an unspecified"], // "this network"
  ["10.0.0.0", 8, "a private"],
  ["100.64.0.0", 10, "a shared (CGNAT)"], // RFC 6598
  ["127.0.0.0", 8, "a loopback"],
  ["169.254.0.0", 16, "a link-local"],
  ["172.16.0.0", 12, "a private"],
  ["192.0.0.0", 24, "a reserved"], // IETF protocol assignments
  ["192.0.2.0", 24, "a documentation"],
  ["192.168.0.0", 16, "a private"],
  ["198.18.0.0", 15, "a benchmarking"],
  ["198.51.100.0", 24, "a documentation"],
  ["203.0.113.0", 24, "a documentation"],
  ["224.0.0.0", 4, "a multicast"],
  ["240.0.0.0", 4, "a reserved"], // and broadcast
];
const v6: [string, number, RangeKind][] = [
  ["::", 128, "an unspecified"],
  ["::1", 128, "a loopback"],
  ["64:ff9b:1::", 48, "a private"], // local-use NAT64
  ["100::", 64, "a reserved"], // discard
  ["2001:db8::", 32, "a documentation"],
  ["fc00::", 7, "a private"], // unique-local
  ["fe80::", 10, "a link-local"],
  ["fec0::", 10, "a private"], // deprecated site-local
  ["ff00::", 8, "a multicast"],
];
// One list per kind, so that a refusal can say which kind of range the address is in.
const byKind = new Map<RangeKind, BlockList>();
const add = (family: "ipv4" | "ipv6") => ([net, bits, kind]: [string, number, RangeKind]) => {
  const list = byKind.get(kind) ?? new BlockList();
  list.addSubnet(net, bits, family);
  byKind.set(kind, list);
};
v4.forEach(add("ipv4"));
v6.forEach(add("ipv6"));

/** The IPv4 address embedded in an IPv4-mapped (::ffff:a.b.c.d) or -compatible v6 form. */
function embeddedV4(address: string): string | null {
  const m = /^::(?:ffff:)?(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (m?.[1]) return m[1];
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (!hex?.[1] || !hex[2]) return null;
  const hi = parseInt(hex[1], 16);
  const lo = parseInt(hex[2], 16);
  return [hi >> 8, hi & 255, lo >> 8, lo & 255].join(".");
}

/**
 * What kind of refused address this is ("a loopback address"), or null if it may be
 * contacted. Non-IP input is refused.
 */
export function blockedAddressKind(address: string): string | null {
  const family = isIP(address);
  if (family === 0) return "not an IP address";
  const mapped = family === 6 ? embeddedV4(address) : null;
  if (mapped) return blockedAddressKind(mapped);
  const type = family === 4 ? "ipv4" : "ipv6";
  for (const [kind, list] of byKind) if (list.check(address, type)) return `${kind} address`;
  return null;
}

/** Why an address may not be contacted ("127.0.0.1 is a loopback address"), or null. */
export function blockedAddressReason(address: string): string | null {
  const kind = blockedAddressKind(address);
  return kind ? `${address} is ${kind}` : null;
}
