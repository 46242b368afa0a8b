// modules/private-endpoint: one private endpoint in private DNS (called by acr and keyvault).
import { block, comment, file, raw } from '../../generate-tree.mjs';
import { output, variable } from '../hcl.mjs';
import { childTerraformTf, COMMON_VARS, NAME_RG_LOCATION, telemetryTf } from './avm.mjs';

export default function privateEndpointModule() {
  return {
    'terraform.tf': childTerraformTf('private-endpoint'),
    'variables.tf': file(
      comment('One private endpoint, registered in private DNS.'),
      ...NAME_RG_LOCATION('private endpoint'),
      variable('subnet_id', { type: 'string', description: 'Subnet the endpoint gets its address from.', nullable: false }),
      variable('private_connection_resource_id', { type: 'string', description: 'The resource to reach.', nullable: false }),
      variable('subresource_names', { type: 'list(string)', description: 'Subresource (group ID): registry, vault, blob, ...', nullable: false }),
      ...COMMON_VARS,
    ),
    'variables.dns.tf': file(
      variable('private_dns_zone_ids', { type: 'list(string)', default: [], description: 'Zones that get the A record; empty: none.' }),
      variable('private_dns_zone_group_name', { type: 'string', default: 'default', description: 'Name of the zone group.' }),
      variable('static_ip_address', { type: 'string', default: '', description: 'Fixed private IP; empty: allocated from the subnet.', nullable: false }),
    ),
    'locals.tf': file(
      block('', 'locals', [
        ['connection_name', raw('"psc-${var.name}"')],
        ['nic_name', raw('"nic-${var.name}"')],
      ]),
    ),
    'main.tf': file(
      block(
        '',
        'resource "azurerm_private_endpoint" "this"',
        [
          ['name', raw('var.name')],
          ['location', raw('var.location')],
          ['resource_group_name', raw('var.resource_group_name')],
          ['subnet_id', raw('var.subnet_id')],
          ['custom_network_interface_name', raw('local.nic_name')],
          ['tags', raw('var.tags')],
        ],
        block('  ', 'private_service_connection', [
          ['name', raw('local.connection_name')],
          ['private_connection_resource_id', raw('var.private_connection_resource_id')],
          ['subresource_names', raw('var.subresource_names')],
          ['is_manual_connection', false],
        ]),
        block(
          '  ',
          'dynamic "private_dns_zone_group"',
          [['for_each', raw('length(var.private_dns_zone_ids) > 0 ? [var.private_dns_zone_ids] : []')]],
          block('    ', 'content', [
            ['name', raw('var.private_dns_zone_group_name')],
            ['private_dns_zone_ids', raw('private_dns_zone_group.value')],
          ]),
        ),
        block(
          '  ',
          'dynamic "ip_configuration"',
          [['for_each', raw('var.static_ip_address == "" ? [] : [var.static_ip_address]')]],
          block('    ', 'content', [
            ['name', raw('"ipconfig-${var.name}"')],
            ['private_ip_address', raw('ip_configuration.value')],
            ['subresource_name', raw('var.subresource_names[0]')],
            ['member_name', raw('var.subresource_names[0]')],
          ]),
        ),
      ),
    ),
    'main.telemetry.tf': telemetryTf('private-endpoint'),
    'outputs.tf': file(
      output('resource_id', 'Resource ID of the endpoint.', 'azurerm_private_endpoint.this.id'),
      output('private_ip_address', 'Private IP of the endpoint.', 'azurerm_private_endpoint.this.private_service_connection[0].private_ip_address'),
      output('network_interface_id', 'Network interface of the endpoint.', 'azurerm_private_endpoint.this.network_interface[0].id'),
    ),
  };
}
