/**
 * Exact IPv4/IPv6 address and CIDR arithmetic with BigInt: parsing as Go's net package does
 * (what Terraform and the provider use), containment, overlap, size, and Terraform's
 * `cidrsubnet`/`cidrhost`.
 */

/** An IP address. */
export interface IpAddress {
  version: 4 | 6;
  value: bigint;
}

/** A CIDR block as written; `hostBitsSet` is true for `10.0.0.1/16` (Terraform accepts it). */
export interface Cidr {
  version: 4 | 6;
  /** The address with host bits cleared. */
  network: bigint;
  prefix: number;
  hostBitsSet: boolean;
}

const BITS = { 4: 32, 6: 128 } as const;

/** Parses a dotted-quad IPv4 or an IPv6 address (with `::` and an embedded IPv4 tail). */
export function parseIp(text: string): IpAddress | undefined {
  if (text.includes(':')) {
    const value = parseIpv6(text);
    return value === undefined ? undefined : { version: 6, value };
  }
  const value = parseIpv4(text);
  return value === undefined ? undefined : { version: 4, value };
}

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    // Go's parser (and so Terraform's) rejects leading zeros, which other tools read as octal.
    if (!/^(0|[1-9][0-9]{0,2})$/.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = (value << 8n) | BigInt(octet);
  }
  return value;
}

function parseIpv6(text: string): bigint | undefined {
  let head = text;
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    // An embedded IPv4 tail (`::ffff:10.0.0.1`) is two 16-bit groups.
    const v4 = parseIpv4(tail);
    if (v4 === undefined) return undefined;
    head = `${text.slice(0, lastColon + 1)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const halves = head.split('::');
  if (halves.length > 2) return undefined;
  const parseGroups = (s: string): number[] | undefined => {
    if (s === '') return [];
    const groups = s.split(':');
    const out: number[] = [];
    for (const group of groups) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return undefined;
      out.push(parseInt(group, 16));
    }
    return out;
  };
  const left = parseGroups(halves[0]);
  const right = halves.length === 2 ? parseGroups(halves[1]) : [];
  if (!left || !right) return undefined;
  const explicit = left.length + right.length;
  let groups: number[];
  if (halves.length === 2) {
    if (explicit > 7) return undefined;
    groups = [...left, ...new Array<number>(8 - explicit).fill(0), ...right];
  } else {
    if (explicit !== 8) return undefined;
    groups = left;
  }
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(g), 0n);
}

/** Parses `address/prefix`. */
export function parseCidr(text: string): Cidr | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const ip = parseIp(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (!ip || !/^(0|[1-9][0-9]{0,2})$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  if (prefix > BITS[ip.version]) return undefined;
  const network = ip.value & networkMask(ip.version, prefix);
  return { version: ip.version, network, prefix, hostBitsSet: network !== ip.value };
}

function networkMask(version: 4 | 6, prefix: number): bigint {
  const bits = BigInt(BITS[version]);
  const all = (1n << bits) - 1n;
  return all ^ ((1n << (bits - BigInt(prefix))) - 1n);
}

/** Number of addresses in the block. */
export function cidrSize(cidr: Cidr): bigint {
  return 1n << BigInt(BITS[cidr.version] - cidr.prefix);
}

/** The last address of the block. */
export function cidrLast(cidr: Cidr): bigint {
  return cidr.network + cidrSize(cidr) - 1n;
}

/** Whether the address lies in the block (different IP versions never do). */
export function cidrContainsIp(cidr: Cidr, ip: IpAddress): boolean {
  return cidr.version === ip.version && ip.value >= cidr.network && ip.value <= cidrLast(cidr);
}

/** Whether two blocks share at least one address. */
export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  return a.version === b.version && a.network <= cidrLast(b) && b.network <= cidrLast(a);
}

/** Whether `inner` lies entirely inside `outer`. */
export function cidrContainsCidr(outer: Cidr, inner: Cidr): boolean {
  return outer.version === inner.version && inner.network >= outer.network && cidrLast(inner) <= cidrLast(outer);
}

/** Formats an address as Go does: dotted quad, or RFC 5952 IPv6 (lowercase, longest zero run as `::`). */
export function formatIp(ip: IpAddress): string {
  if (ip.version === 4) {
    return [24n, 16n, 8n, 0n].map((shift) => ((ip.value >> shift) & 0xffn).toString()).join('.');
  }
  const groups = [...Array(8).keys()].map((i) => Number((ip.value >> BigInt((7 - i) * 16)) & 0xffffn));
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

/** Formats a block as `network/prefix`. */
export function formatCidr(cidr: Cidr): string {
  return `${formatIp({ version: cidr.version, value: cidr.network })}/${cidr.prefix}`;
}

/** Terraform's `cidrsubnet(prefix, newbits, netnum)`; throws with Terraform's reasons. */
export function cidrsubnet(base: Cidr, newbits: number, netnum: number): Cidr {
  const prefix = base.prefix + newbits;
  if (!Number.isInteger(newbits) || newbits < 0) throw new Error('newbits must be a non-negative integer');
  if (prefix > BITS[base.version]) throw new Error(`insufficient address space to extend prefix of ${base.prefix} by ${newbits}`);
  if (!Number.isInteger(netnum) || netnum < 0 || BigInt(netnum) >= 1n << BigInt(newbits)) {
    throw new Error(`prefix extension of ${newbits} does not accommodate a subnet numbered ${netnum}`);
  }
  const network = base.network | (BigInt(netnum) << BigInt(BITS[base.version] - prefix));
  return { version: base.version, network, prefix, hostBitsSet: false };
}

/** Terraform's `cidrhost(prefix, hostnum)`; a negative hostnum counts back from the end. */
export function cidrhost(base: Cidr, hostnum: number): IpAddress {
  if (!Number.isInteger(hostnum)) throw new Error('hostnum must be an integer');
  const size = cidrSize(base);
  const offset = hostnum < 0 ? size + BigInt(hostnum) : BigInt(hostnum);
  if (offset < 0n || offset >= size) throw new Error(`prefix of ${base.prefix} does not accommodate a host numbered ${hostnum}`);
  return { version: base.version, value: base.network + offset };
}
