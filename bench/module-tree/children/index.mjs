// The ten shared child modules, written once under modules/ in the layout of Azure Verified Modules.
import networkModule from './network.mjs';
import routeTableModule from './route-table.mjs';
import clusterModule from './cluster.mjs';
import poolsModule from './pools.mjs';
import diagnosticsModule from './diagnostics.mjs';
import identityModule from './identity.mjs';
import acrModule from './acr.mjs';
import keyvaultModule from './keyvault.mjs';
import privateEndpointModule from './private-endpoint.mjs';
import privateDnsModule from './private-dns.mjs';

/** The shared children, directory name -> file name -> text (the same for every seed). */
export function childModules() {
  return {
    network: networkModule(),
    'route-table': routeTableModule(),
    cluster: clusterModule(),
    pools: poolsModule(),
    diagnostics: diagnosticsModule(),
    identity: identityModule(),
    acr: acrModule(),
    keyvault: keyvaultModule(),
    'private-endpoint': privateEndpointModule(),
    'private-dns': privateDnsModule(),
  };
}
