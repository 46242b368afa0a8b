import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  cidrContainsCidr,
  cidrContainsIp,
  cidrhost,
  cidrsOverlap,
  cidrSize,
  cidrsubnet,
  formatCidr,
  formatIp,
  parseCidr,
  parseIp,
} from '../../../server/src/engine/cidr/cidr-math.js';

const cidr = (text: string) => {
  const parsed = parseCidr(text);
  assert.ok(parsed, `${text} should parse`);
  return parsed;
};

describe('cidr math', () => {
  it('parses IPv4 as Go does: no leading zeros, octets up to 255', () => {
    assert.equal(parseIp('10.0.0.1')?.value, 0x0a000001n);
    assert.equal(parseIp('010.0.0.1'), undefined);
    assert.equal(parseIp('256.0.0.1'), undefined);
    assert.equal(parseIp('10.0.0'), undefined);
  });

  it('parses and formats IPv6 (RFC 5952)', () => {
    assert.equal(formatIp(parseIp('2001:db8:0:0:1:0:0:1')!), '2001:db8::1:0:0:1');
    assert.equal(formatIp(parseIp('::')!), '::');
    assert.equal(formatIp(parseIp('fd12:3456:789a::')!), 'fd12:3456:789a::');
    assert.equal(formatIp(parseIp('::ffff:10.0.0.1')!), '::ffff:a00:1');
    assert.equal(parseIp('1:::2'), undefined);
    assert.equal(parseIp('1:2:3:4:5:6:7:8:9'), undefined);
  });

  it('handles the edges: /0, /32, /128', () => {
    assert.equal(cidrSize(cidr('0.0.0.0/0')), 1n << 32n);
    assert.equal(cidrSize(cidr('10.0.0.1/32')), 1n);
    assert.equal(cidrSize(cidr('::1/128')), 1n);
    assert.equal(cidrSize(cidr('::/0')), 1n << 128n);
    assert.ok(cidrContainsCidr(cidr('0.0.0.0/0'), cidr('10.0.0.0/8')));
    assert.equal(parseCidr('10.0.0.0/33'), undefined);
    assert.equal(parseCidr('::/129'), undefined);
  });

  it('tells adjacent ranges from overlapping ones', () => {
    assert.equal(cidrsOverlap(cidr('10.0.0.0/24'), cidr('10.0.1.0/24')), false);
    assert.equal(cidrsOverlap(cidr('10.0.0.0/23'), cidr('10.0.1.0/24')), true);
    assert.equal(cidrsOverlap(cidr('172.16.0.0/12'), cidr('172.31.0.0/16')), true);
    assert.equal(cidrsOverlap(cidr('10.0.0.0/8'), cidr('fd00::/8')), false);
  });

  it('notes host bits set in a CIDR and keeps the network', () => {
    const c = cidr('10.0.0.1/16');
    assert.equal(c.hostBitsSet, true);
    assert.equal(formatCidr(c), '10.0.0.0/16');
    assert.equal(cidr('10.0.0.0/16').hostBitsSet, false);
  });

  it('computes cidrsubnet and cidrhost as Terraform does', () => {
    assert.equal(formatCidr(cidrsubnet(cidr('10.0.0.0/8'), 8, 2)), '10.2.0.0/16');
    assert.equal(formatCidr(cidrsubnet(cidr('fd00:fd12:3456::/48'), 16, 1)), 'fd00:fd12:3456:1::/64');
    assert.throws(() => cidrsubnet(cidr('10.0.0.0/30'), 4, 0), /insufficient address space/);
    assert.throws(() => cidrsubnet(cidr('10.0.0.0/16'), 2, 4), /does not accommodate/);
    assert.equal(formatIp(cidrhost(cidr('10.0.0.0/16'), 10)), '10.0.0.10');
    assert.equal(formatIp(cidrhost(cidr('10.0.0.0/16'), -2)), '10.0.255.254');
    assert.throws(() => cidrhost(cidr('10.0.0.0/30'), 4), /does not accommodate/);
  });

  it('checks containment of addresses', () => {
    assert.ok(cidrContainsIp(cidr('10.0.0.0/16'), parseIp('10.0.255.255')!));
    assert.ok(!cidrContainsIp(cidr('10.0.0.0/16'), parseIp('10.1.0.0')!));
    assert.ok(!cidrContainsIp(cidr('10.0.0.0/16'), parseIp('::1')!));
  });
});
