// modules/acr: a container registry with AcrPull for the kubelet; calls ../private-endpoint.
import { block, comment, file, raw } from '../../generate-tree.mjs';
import { output, variable } from '../hcl.mjs';
import { childTerraformTf, COMMON_VARS, interfacesTf, interfaceVariablesTf, NAME_RG_LOCATION, privateEndpointCall, privateEndpointVars, ROLE_SUBSTRING, telemetryTf } from './avm.mjs';

export default function acrModule() {
  return {
    'terraform.tf': childTerraformTf('acr'),
    'variables.tf': file(
      comment('A container registry that the kubelets pull from.'),
      ...NAME_RG_LOCATION('container registry'),
      variable('sku', { type: 'string', default: 'Premium', description: 'Premium is needed for private endpoints and geo-replication.' }),
      variable('zone_redundancy_enabled', { type: 'bool', default: false, description: 'Zone-redundant registry.' }),
      variable('georeplication_locations', { type: 'list(string)', default: [], description: 'Regions to replicate to.' }),
      variable('retention_days', { type: 'number', default: 7, description: 'Days untagged manifests are kept.' }),
      variable('pull_principal_ids', { type: 'map(string)', default: {}, description: 'Principals that get AcrPull, by a static key (the kubelet identity, ...).' }),
      ...COMMON_VARS,
    ),
    'variables.network.tf': file(...privateEndpointVars('registry')),
    'variables.interfaces.tf': interfaceVariablesTf('container registry'),
    'locals.tf': file(block('', 'locals', [['name', raw('substr(replace(lower(var.name), "/[^a-z0-9]/", ""), 0, 50)')], ROLE_SUBSTRING])),
    'main.tf': file(
      block(
        '',
        'resource "azurerm_container_registry" "this"',
        [
          ['name', raw('local.name')],
          ['location', raw('var.location')],
          ['resource_group_name', raw('var.resource_group_name')],
          ['sku', raw('var.sku')],
          ['admin_enabled', false],
          ['public_network_access_enabled', raw('var.public_network_access_enabled')],
          ['zone_redundancy_enabled', raw('var.zone_redundancy_enabled')],
          ['data_endpoint_enabled', true],
          ['retention_policy_in_days', raw('var.retention_days')],
          ['tags', raw('var.tags')],
        ],
        block(
          '  ',
          'dynamic "georeplications"',
          [['for_each', raw('toset(var.georeplication_locations)')]],
          block('    ', 'content', [
            ['location', raw('georeplications.value')],
            ['zone_redundancy_enabled', raw('var.zone_redundancy_enabled')],
            ['tags', raw('var.tags')],
          ]),
        ),
      ),
    ),
    'main.private_endpoint.tf': privateEndpointCall('azurerm_container_registry.this', 'registry'),
    'main.pull.tf': file(
      block('', 'resource "azurerm_role_assignment" "pull"', [
        ['for_each', raw('var.pull_principal_ids')],
        ['scope', raw('azurerm_container_registry.this.id')],
        ['role_definition_name', 'AcrPull'],
        ['principal_id', raw('each.value')],
        ['skip_service_principal_aad_check', true],
      ]),
    ),
    'main.interfaces.tf': interfacesTf('azurerm_container_registry.this.id'),
    'main.telemetry.tf': telemetryTf('acr'),
    'outputs.tf': file(
      output('resource_id', 'Resource ID of the registry.', 'azurerm_container_registry.this.id'),
      output('name', 'Name of the registry.', 'azurerm_container_registry.this.name'),
      output('login_server', 'Login server of the registry.', 'azurerm_container_registry.this.login_server'),
      output('private_ip_address', 'Private IP of the endpoint, or null without one.', 'try(module.private_endpoint[0].private_ip_address, null)'),
    ),
  };
}
