/**
 * Which resolved addresses an outbound request may reach. Responder URLs come from
 * certificates anyone can mint, so by default we refuse everything that is not a
 * public unicast address (SSRF defence).
 */
import { BlockList, isIP } from "node:net";

const blocked = new BlockList();
const v4: [string, number][] = [
  ["0.0.0.0", 8], // "this network", unspecified
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // CGNAT, RFC 6598
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local
  ["172.16.0.0", 12],
  ["192.0.0.0", 24], // IETF protocol assignments
  ["192.0.2.0", 24], // documentation
  ["192.168.0.0", 16],
  ["198.18.0.0", 15], // benchmarking
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
];
const v6: [string, number][] = [
  ["::", 128], // unspecified
  ["::1", 128],
  ["64:ff9b:1::", 48], // local-use NAT64
  ["100::", 64], // discard
  ["2001:db8::", 32], // documentation
  ["fc00::", 7], // unique-local
  ["fe80::", 10], // link-local
  ["fec0::", 10], // deprecated site-local
  ["ff00::", 8], // multicast
];
for (const [net, bits] of v4) blocked.addSubnet(net, bits, "ipv4");
for (const [net, bits] of v6) blocked.addSubnet(net, bits, "ipv6");

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

/** Why an address may not be contacted, or null if it may. Non-IP input is refused. */
export function blockedAddressReason(address: string): string | null {
  const family = isIP(address);
  if (family === 0) return "not an IP address";
  const mapped = family === 6 ? embeddedV4(address) : null;
  if (mapped) return blockedAddressReason(mapped);
  const type = family === 4 ? "ipv4" : "ipv6";
  return blocked.check(address, type)
    ? `${address} is a loopback, private or reserved address`
    : null;
}
