import { lookup as dnsLookup } from 'node:dns';
import type { LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import type { LookupFunction } from 'node:net';

/**
 * Addresses a fetch must never reach unless private URLs are allowed: loopback, private,
 * link-local (including the cloud metadata address 169.254.169.254), CGNAT (and Alibaba's
 * metadata 100.100.100.200 inside it), unique-local (AWS's fd00:ec2::254), multicast, broadcast,
 * unspecified and the documentation/benchmark ranges. IPv6 forms that carry an IPv4 address
 * (mapped, compatible, NAT64, 6to4) are judged by the IPv4 address they carry.
 */
const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16],
  ['172.16.0.0', 12], ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.88.99.0', 24], ['192.168.0.0', 16],
  ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) blocked.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  // ::/96 holds ::, ::1 and the deprecated IPv4-compatible addresses; 2001::/32 is Teredo tunnels.
  ['::', 96], ['64:ff9b:1::', 48], ['100::', 64], ['2001::', 32], ['2001:db8::', 32],
  ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8],
] as const) blocked.addSubnet(net, prefix, 'ipv6');

/** Host names of metadata services, of this machine, and of private name spaces. */
const BLOCKED_NAMES = /^(localhost|localhost\.localdomain|ip6-localhost|ip6-loopback|.*\.localhost|metadata|metadata\.google\.internal|metadata\.goog|metadata\.azure\.com|instance-data|instance-data\.ec2\.internal|.*\.internal|.*\.local|.*\.home\.arpa)$/i;

/** Strips brackets from an IPv6 URL host. */
export function bareHost(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}

/** The eight 16-bit groups of an IPv6 address (with an optional dotted IPv4 tail), or null. */
function ipv6Groups(addr: string): number[] | null {
  let a = addr.toLowerCase().replace(/%.*$/, '');
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (v4) {
    const p = v4[1]!.split('.').map(Number);
    a = `${a.slice(0, -v4[1]!.length)}${((p[0]! << 8) | p[1]!).toString(16)}:${((p[2]! << 8) | p[3]!).toString(16)}`;
  }
  const halves = a.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const fill = halves.length === 2 ? 8 - head.length - tail.length : 0;
  const groups = [...head, ...Array<string>(Math.max(0, fill)).fill('0'), ...tail].map((g) => parseInt(g, 16));
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}

const dotted = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;

/** The IPv4 address an IPv6 address carries (IPv4-mapped, NAT64 64:ff9b::/96, 6to4 2002::/16), else null. */
function embeddedV4(addr: string): string | null {
  const g = ipv6Groups(addr);
  if (!g) return null;
  const zeros = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  if (zeros(0, 5) && g[5] === 0xffff) return dotted(g[6]!, g[7]!);
  if (g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6)) return dotted(g[6]!, g[7]!);
  if (g[0] === 0x2002) return dotted(g[1]!, g[2]!);
  return null;
}

/** True when an IP literal is in a refused range. Not an IP at all: false (names are checked apart). */
export function isBlockedAddress(addr: string): boolean {
  const a = bareHost(addr);
  const family = isIP(a);
  if (family === 4) return blocked.check(a, 'ipv4');
  if (family === 6) {
    const v4 = embeddedV4(a);
    if (v4 !== null) return blocked.check(v4, 'ipv4');
    return blocked.check(a, 'ipv6');
  }
  return false;
}

/** True when a host name (not an IP) is refused by name. */
export function isBlockedName(host: string): boolean {
  return BLOCKED_NAMES.test(host.replace(/\.$/, ''));
}

/**
 * A DNS lookup for a connection that fails when any address it resolves to is refused. It is the
 * lookup of the connection itself, so the address checked is the address connected to: a name
 * cannot resolve to a public address for a check and a private one for the connection (DNS
 * rebinding). Used with `agent: false`, so no pooled socket outlives the lookup that checked it.
 */
export function refusingLookup(refuse: (address: string) => boolean, refusal: (address: string) => Error, base: LookupFunction = dnsLookup as unknown as LookupFunction): LookupFunction {
  return (hostname, options, callback) => {
    base(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      const list = (Array.isArray(addresses) ? addresses : [{ address: addresses, family: isIP(addresses) }]) as LookupAddress[];
      const bad = list.find((a) => refuse(a.address));
      if (bad) return callback(refusal(bad.address) as NodeJS.ErrnoException, '', 0);
      if (options.all) return callback(null, list);
      const first = list[0];
      if (!first) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), '', 0);
      callback(null, first.address, first.family);
    });
  };
}
