/**
 * The walkthroughs' example addresses, checked against each fixture's configuration: the test reads
 * the prefixes the module writes and computes where the addresses must fall, then finds them in
 * the rendered walkthroughs. Unknown ranges give unknown addresses with their reason.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isKnown, knownList, knownString, type AksCluster } from '../../../../server/src/engine/aks/model.js';
import { DEFAULT_POD_CIDR, DEFAULT_SERVICE_CIDR } from '../../../../server/src/engine/aks/network-facts.js';
import { aksDefault } from '../../../../server/src/engine/aks/schema/network-schema.js';
import { cidrContainsIp, cidrhost, cidrsubnet, formatIp, parseCidr, parseIp, type Cidr } from '../../../../server/src/engine/cidr/cidr-math.js';
import { ipamModeOf } from '../../../../server/src/engine/features/packet-flow/effective-network.js';
import { exampleAddresses } from '../../../../server/src/engine/features/packet-flow/example-addresses.js';
import { renderWalkthrough } from '../../../../server/src/engine/features/packet-flow/render-walkthrough.js';
import { clusterOfFixture, walkthroughOfFixture } from '../../../support/packet-flow.js';

/** The first prefix a subnet of the module writes, read from the model as the module gives it. */
function firstPrefix(subnet: AksCluster['defaultPool']['vnetSubnet']): Cidr {
  assert.ok(subnet && isKnown(subnet.addressPrefixes), 'the fixture declares the subnet with known prefixes');
  return parseCidr(knownString(knownList(subnet.addressPrefixes)![0])!)!;
}

const inside = (cidr: Cidr, address: string | undefined) => address !== undefined && cidrContainsIp(cidr, parseIp(address)!);
const host = (cidr: Cidr, n: number) => formatIp(cidrhost(cidr, n));

describe('example addresses of the walkthroughs', () => {
  for (const name of ['kubenet', 'overlay', 'overlay-cilium', 'node-subnet', 'node-subnet-cilium', 'pod-subnet', 'pod-subnet-cilium']) {
    it(`${name}: computed from the configuration, and shown in the walkthroughs`, async () => {
      const { cluster } = await clusterOfFixture(name);
      const ipam = ipamModeOf(cluster);
      const at = exampleAddresses(cluster, ipam);
      const nodes = firstPrefix(cluster.defaultPool.vnetSubnet);
      // Nodes: the first hosts Azure leaves usable (it keeps four per subnet).
      assert.deepEqual([at.nodeA.address, at.nodeB.address], [host(nodes, 4), host(nodes, 5)]);
      if (ipam.value === 'overlay' || ipam.value === 'kubenet') {
        const podCidr = parseCidr(knownString(cluster.network.podCidr.value) ?? DEFAULT_POD_CIDR)!;
        // One /24 per node: the two pods are in the first two blocks, not in the node subnet.
        assert.ok(inside(cidrsubnet(podCidr, 24 - podCidr.prefix, 0), at.podA.address), `${at.podA.address} in the first /24 of ${knownString(cluster.network.podCidr.value)}`);
        assert.ok(inside(cidrsubnet(podCidr, 24 - podCidr.prefix, 1), at.podB.address));
        assert.ok(!inside(nodes, at.podA.address));
      } else if (ipam.value === 'podSubnet') {
        const pods = firstPrefix(cluster.defaultPool.podSubnet);
        assert.ok(inside(pods, at.podA.address) && inside(pods, at.podB.address));
        // Node A and B take separate batches of 16.
        assert.ok(Number(parseIp(at.podB.address!)!.value - parseIp(at.podA.address!)!.value) >= 16);
      } else {
        assert.equal(ipam.value, 'nodeSubnet');
        assert.ok(inside(nodes, at.podA.address) && inside(nodes, at.podB.address));
        assert.ok(![at.nodeA.address, at.nodeB.address].includes(at.podA.address));
      }
      // Unset, both take AKS's defaults.
      const service = parseCidr(knownString(cluster.network.serviceCidr.value) ?? DEFAULT_SERVICE_CIDR)!;
      assert.ok(inside(service, at.clusterIp.address));
      assert.notEqual(at.clusterIp.address, host(service, 0));
      assert.notEqual(at.clusterIp.address, host(service, 1), 'not the kubernetes Service');
      assert.equal(at.dnsIp.address, knownString(cluster.network.dnsServiceIp.value) ?? aksDefault('network_profile', 'dns_service_ip'));
      assert.ok(inside(service, at.dnsIp.address));
      assert.notEqual(at.clusterIp.address, at.dnsIp.address);
      // The walkthroughs show these very addresses.
      const podToPod = renderWalkthrough(await walkthroughOfFixture(name, 'pod-to-pod'));
      assert.ok(podToPod.includes(`1. ${at.podA.address} → ${at.podB.address}`), podToPod);
      assert.ok(podToPod.includes(`Node B<br/>e.g. ${at.nodeB.address}`));
      const service_ = renderWalkthrough(await walkthroughOfFixture(name, 'service'));
      assert.ok(service_.includes(`${at.podA.address} → ${at.dnsIp.address}:53`));
      assert.ok(service_.includes(`${at.clusterIp.address}:port`));
    });
  }

  it('says why, and invents nothing, when the configuration does not give a range', async () => {
    const managed = await clusterOfFixture('no-network-profile');
    const at = exampleAddresses(managed.cluster, ipamModeOf(managed.cluster));
    assert.deepEqual(at.nodeA, { unknown: 'the VNet is managed by AKS: its addresses are not in the configuration' });
    assert.deepEqual(at.podA, { unknown: 'network_profile is not set: AKS chooses the network plugin' });
    const unknown = await clusterOfFixture('unknown-values');
    const u = exampleAddresses(unknown.cluster, ipamModeOf(unknown.cluster));
    assert.equal(u.podA.address, undefined);
    assert.match(u.podA.unknown!, /var\.network_plugin has no value/);
    const walk = renderWalkthrough(await walkthroughOfFixture('unknown-values', 'pod-to-pod'));
    assert.ok(walk.includes('1. unknown → unknown'), walk);
  });
});
