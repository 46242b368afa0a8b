/**
 * The azapi Naming and defaults as another reader (the plan reader) uses them: a body given as a
 * value (`after.body` of a plan) read through ValueBlockSource and the SettingReader into the
 * same settings as an azurerm resource, with the AKS API's names and defaults.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { apiVersionOf, AZAPI_NAMING, azapiDefaults, isAzapiCluster, isAzapiPool, parseApiPath } from '../../../server/src/engine/aks/azapi-naming.js';
import { readAzapiValue } from '../../../server/src/engine/aks/read-azapi-value.js';
import { attachNodePools, SettingReader } from '../../../server/src/engine/aks/read-clusters.js';
import { valueAt, ValueBlockSource } from '../../../server/src/engine/aks/value-block-source.js';
import { known, type Value } from '../../../server/src/engine/terraform/values.js';

const AT = { uri: '/plan.json', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, via: [] };
/** A plan value: plain JSON, every node Known at the plan file. */
const toValue = (json: unknown): Value =>
  known(Array.isArray(json) ? json.map(toValue) : json !== null && typeof json === 'object' ? Object.fromEntries(Object.entries(json).map(([k, v]) => [k, toValue(v)])) : (json as string | number | boolean | null), AT);

describe('azapi naming', () => {
  it('recognises AKS types without case, and their api-version', () => {
    assert.equal(isAzapiCluster('Microsoft.ContainerService/managedClusters@2025-10-01'), true);
    assert.equal(isAzapiCluster('microsoft.containerservice/managedclusters@2025-10-01'), true);
    assert.equal(isAzapiCluster('Microsoft.ContainerService/managedClusters/agentPools@2025-10-01'), false);
    assert.equal(isAzapiPool('Microsoft.ContainerService/managedclusters/agentpools@2026-01-02-preview'), true);
    assert.equal(isAzapiCluster('Microsoft.Network/virtualNetworks@2024-01-01'), false);
    assert.equal(apiVersionOf('Microsoft.ContainerService/managedClusters@2026-03-02-preview'), '2026-03-02-preview');
  });

  it('maps azurerm names to API paths from the schema, and removed aliases to nothing', () => {
    assert.deepEqual(AZAPI_NAMING.blockPath(undefined, 'network_profile'), ['properties', 'networkProfile']);
    assert.deepEqual(AZAPI_NAMING.blockPath(undefined, 'default_node_pool'), ['properties', 'agentPoolProfiles', 0]);
    assert.deepEqual(AZAPI_NAMING.blockPath('network_profile', 'load_balancer_profile'), ['loadBalancerProfile']);
    assert.deepEqual(AZAPI_NAMING.attributePath('network_profile', 'network_data_plane'), ['networkDataplane']);
    assert.deepEqual(AZAPI_NAMING.attributePath('nat_gateway_profile', 'managed_outbound_ip_count'), ['managedOutboundIPProfile', 'count']);
    for (const [block, name] of [['network_profile', 'ebpf_data_plane'], ['network_profile', 'docker_bridge_cidr'], ['default_node_pool', 'enable_node_public_ip'], ['node_pool', 'enable_auto_scaling']] as const) {
      assert.equal(AZAPI_NAMING.attributePath(block, name), undefined, `${block}.${name}`);
    }
    assert.deepEqual(parseApiPath('properties.agentPoolProfiles[0]'), ['properties', 'agentPoolProfiles', 0]);
  });

  it('reads a plan body through ValueBlockSource into the model, with the API defaults', () => {
    const body = toValue({ properties: { agentPoolProfiles: [{ name: 'system', vnetSubnetID: '/subscriptions/0/x', maxPods: 50 }], networkProfile: { networkPlugin: 'azure', networkPluginMode: 'overlay', podCidr: '10.244.0.0/16' } } });
    const root = new ValueBlockSource(body, { state: 'present' }, '/plan.json', undefined, AZAPI_NAMING, azapiDefaults('2025-10-01'));
    const base = { address: 'azapi_resource.aks', modulePath: [], label: 'aks', uri: '/plan.json', site: { uri: '/plan.json', range: AT.range, typeRange: AT.range, headerRange: AT.range, labelRange: AT.range }, uncertain: false, provider: { major: 4 as const, source: 'assumed' as const }, form: 'azapi' as const, apiVersion: '2025-10-01' };
    const cluster = new SettingReader(() => undefined).cluster(base as never, root);
    const plain = (v: Value) => (v.known ? v.value : `unknown: ${v.reason}`);
    assert.equal(plain(cluster.network.plugin.value), 'azure');
    assert.equal(plain(cluster.network.pluginMode.value), 'overlay');
    assert.equal(plain(cluster.defaultPool.maxPods.value), 50);
    assert.equal(plain(cluster.network.outboundType.value), 'loadBalancer', 'the API default');
    assert.equal(cluster.network.outboundType.state, 'absent');
    assert.equal(plain(cluster.network.dataPlane.value), 'unknown: networkDataplane is not set in the body, and the AKS API\'s default for it (api-version 2025-10-01) is not known to aks-netlint');
    assert.equal(plain(cluster.network.serviceCidr.value), null, 'not set: the rules apply the API default 10.0.0.0/16');
    assert.equal(plain(cluster.network.ebpfDataPlane.value), null);
    assert.equal(valueAt(body, ['properties', 'networkProfile', 'podCidr'])?.known, true);
  });

  it('without a networkProfile, every network setting takes the API default', () => {
    const root = new ValueBlockSource(toValue({ properties: {} }), { state: 'present' }, '/plan.json', undefined, AZAPI_NAMING, azapiDefaults('2025-10-01'));
    const base = { address: 'azapi_resource.aks', modulePath: [], label: 'aks', uri: '/plan.json', site: {}, uncertain: false, provider: { major: 4, source: 'assumed' }, form: 'azapi', apiVersion: '2025-10-01' };
    const cluster = new SettingReader(() => undefined).cluster(base as never, root);
    assert.equal(cluster.network.state, 'absent');
    assert.equal(cluster.network.outboundType.value.known && cluster.network.outboundType.value.value, 'loadBalancer');
    assert.equal(cluster.network.plugin.value.known, false);
  });

  it('reads whole azapi resources of a plan: a cluster, its inline pools and an agentPools child by parent_id', () => {
    const site = { uri: '/plan.json', range: AT.range, typeRange: AT.range, headerRange: AT.range, labelRange: AT.range };
    const provider = { major: 4, source: 'assumed' } as never;
    const reader = new SettingReader(() => undefined);
    const cluster = readAzapiValue(
      {
        values: toValue({
          type: 'Microsoft.ContainerService/managedClusters@2025-10-01',
          name: 'aks',
          identity: [{ type: 'SystemAssigned' }],
          body: { properties: { agentPoolProfiles: [{ name: 'system', count: 3 }, { name: 'user', count: 2, osType: 'Windows' }], networkProfile: { networkPlugin: 'kubenet' } } },
        }),
        modulePath: ['module.aks'],
        name: 'this',
        uri: '/plan.json',
        site,
        provider,
      },
      reader,
    );
    // A new cluster's id is known after apply: the plan reader gives parent_id the reference its configuration writes.
    const parentId = { known: false as const, reason: 'known after apply', ref: { module: ['module.aks'], mode: 'managed' as const, type: 'azapi_resource', name: 'this', attribute: 'id' } };
    const poolValues = toValue({ type: 'Microsoft.ContainerService/managedClusters/agentPools@2025-10-01', name: 'win', body: { properties: { count: 2, osType: 'Windows' } } });
    if (poolValues.known && typeof poolValues.value === 'object' && poolValues.value !== null && !Array.isArray(poolValues.value)) poolValues.value.parent_id = parentId;
    const pool = readAzapiValue({ values: poolValues, modulePath: ['module.aks', 'module.pools["win"]'], name: 'this', key: 0, uri: '/plan.json', site, provider }, reader);
    const [aks] = cluster.clusters;
    assert.equal(aks.address, 'module.aks.azapi_resource.this');
    assert.equal(aks.form, 'azapi');
    assert.equal(aks.apiVersion, '2025-10-01');
    assert.equal(aks.name.value.known && aks.name.value.value, 'aks');
    assert.equal(aks.identityType.value.known && aks.identityType.value.value, 'SystemAssigned');
    assert.equal(aks.network.plugin.value.known && aks.network.plugin.value.value, 'kubenet');
    assert.equal(aks.defaultPool.nodeCount.value.known && aks.defaultPool.nodeCount.value.value, 3);
    assert.deepEqual(cluster.nodePools.map((p) => [p.address, p.osType.value.known && p.osType.value.value]), [['module.aks.azapi_resource.this.agentPoolProfiles[1]', 'Windows']]);
    assert.deepEqual(pool.nodePools.map((p) => [p.address, p.osType.value.known && p.osType.value.value, p.pool.nodeCount.value.known && p.pool.nodeCount.value.value]), [['module.aks.module.pools["win"].azapi_resource.this[0]', 'Windows', 2]]);
    const pools = [...cluster.nodePools, ...pool.nodePools];
    attachNodePools(cluster.clusters, pools);
    assert.deepEqual(aks.nodePools.map((p) => p.address), ['module.aks.azapi_resource.this.agentPoolProfiles[1]', 'module.aks.module.pools["win"].azapi_resource.this[0]']);
  });

  it('reads nothing from an azapi resource of another type', () => {
    const site = { uri: '/plan.json', range: AT.range, typeRange: AT.range, headerRange: AT.range, labelRange: AT.range };
    const read = readAzapiValue({ values: toValue({ type: 'Microsoft.Network/virtualNetworks@2024-01-01', name: 'vnet', body: {} }), modulePath: [], name: 'vnet', uri: '/plan.json', site, provider: { major: 4, source: 'assumed' } as never }, new SettingReader(() => undefined));
    assert.deepEqual(read, { clusters: [], nodePools: [] });
  });
});
