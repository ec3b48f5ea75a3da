import { BlockList, isIP } from 'node:net';

/**
 * Addresses a fetch must never reach unless private URLs are allowed: loopback, private,
 * link-local (including the cloud metadata address), CGNAT, unique-local, multicast, and the rest
 * of the special-purpose ranges. IPv4-mapped IPv6 addresses are checked as their IPv4 form.
 */
const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16],
  ['172.16.0.0', 12], ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.88.99.0', 24], ['192.168.0.0', 16],
  ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) blocked.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128], ['::1', 128], ['64:ff9b::', 96], ['100::', 64], ['2001:db8::', 32], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8],
] as const) blocked.addSubnet(net, prefix, 'ipv6');

/** Host names that resolve to metadata services or to this machine. */
const BLOCKED_NAMES = /^(localhost|.*\.localhost|metadata|metadata\.google\.internal|metadata\.goog|instance-data|.*\.internal|.*\.local)$/i;

/** Strips brackets from an IPv6 URL host. */
export function bareHost(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}

/** The IPv4 form of an IPv4-mapped IPv6 address (::ffff:a.b.c.d or ::ffff:7f00:1), else null. */
function mappedV4(addr: string): string | null {
  const m = /^::ffff:(?:0:)?(.+)$/i.exec(addr);
  if (!m) return null;
  const rest = m[1]!;
  if (isIP(rest) === 4) return rest;
  const hex = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(rest);
  if (!hex) return null;
  const hi = parseInt(hex[1]!, 16);
  const lo = parseInt(hex[2]!, 16);
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

/** True when an IP literal is in a refused range. */
export function isBlockedAddress(addr: string): boolean {
  const a = bareHost(addr);
  const family = isIP(a);
  if (family === 4) return blocked.check(a, 'ipv4');
  if (family === 6) {
    const v4 = mappedV4(a);
    if (v4) return blocked.check(v4, 'ipv4');
    return blocked.check(a, 'ipv6');
  }
  return false;
}

/** True when a host name (not an IP) is refused by name. */
export function isBlockedName(host: string): boolean {
  return BLOCKED_NAMES.test(host.replace(/\.$/, ''));
}
