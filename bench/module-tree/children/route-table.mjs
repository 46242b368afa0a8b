// modules/route-table: 0.0.0.0/0 to the hub firewall, more routes, subnet associations (called by
// modules/network).
import { block, file, raw } from '../../generate-tree.mjs';
import { objType, output, variable } from '../hcl.mjs';
import { childTerraformTf, COMMON_VARS, NAME_RG_LOCATION, telemetryTf } from './avm.mjs';

export default function routeTableModule() {
  return {
    'terraform.tf': childTerraformTf('route-table'),
    'variables.tf': file(
      ...NAME_RG_LOCATION('route table'),
      variable('bgp_route_propagation_enabled', { type: 'bool', default: false, description: 'Propagate gateway routes; off so that the firewall stays the next hop.' }),
      ...COMMON_VARS,
    ),
    'variables.routes.tf': file(
      variable('default_next_hop_ip', {
        type: 'string',
        description: 'Private IP of the appliance (the hub firewall) that 0.0.0.0/0 goes to.',
        nullable: false,
        validation: [['can(cidrhost("${var.default_next_hop_ip}/32", 0))', 'default_next_hop_ip must be an IPv4 address.']],
      }),
      variable('routes', {
        type: `map(${objType({ address_prefix: 'string', next_hop_type: 'string', next_hop_in_ip_address: 'optional(string, null)' })})`,
        default: {},
        description: 'More routes by name.',
      }),
      variable('subnet_ids', { type: 'map(string)', default: {}, description: 'Subnets to associate, by a static key.' }),
    ),
    'locals.tf': file(
      block('', 'locals', [
        [
          'routes',
          raw(
            'merge({\n    default = {\n      address_prefix         = "0.0.0.0/0"\n      next_hop_type          = "VirtualAppliance"\n      next_hop_in_ip_address = var.default_next_hop_ip\n    }\n  }, var.routes)',
          ),
        ],
      ]),
    ),
    'main.tf': file(
      block('', 'resource "azurerm_route_table" "this"', [
        ['name', raw('var.name')],
        ['location', raw('var.location')],
        ['resource_group_name', raw('var.resource_group_name')],
        ['bgp_route_propagation_enabled', raw('var.bgp_route_propagation_enabled')],
        ['tags', raw('var.tags')],
      ]),
    ),
    'main.routes.tf': file(
      block('', 'resource "azurerm_route" "this"', [
        ['for_each', raw('local.routes')],
        ['name', raw('each.key')],
        ['resource_group_name', raw('var.resource_group_name')],
        ['route_table_name', raw('azurerm_route_table.this.name')],
        ['address_prefix', raw('each.value.address_prefix')],
        ['next_hop_type', raw('each.value.next_hop_type')],
        ['next_hop_in_ip_address', raw('each.value.next_hop_type == "VirtualAppliance" ? each.value.next_hop_in_ip_address : null')],
      ]),
    ),
    'main.associations.tf': file(
      block('', 'resource "azurerm_subnet_route_table_association" "this"', [
        ['for_each', raw('var.subnet_ids')],
        ['subnet_id', raw('each.value')],
        ['route_table_id', raw('azurerm_route_table.this.id')],
      ]),
    ),
    'main.telemetry.tf': telemetryTf('route-table'),
    'outputs.tf': file(
      output('resource_id', 'Resource ID of the route table.', 'azurerm_route_table.this.id'),
      output('name', 'Name of the route table.', 'azurerm_route_table.this.name'),
      output('routes', 'The routes, by name.', 'local.routes'),
    ),
  };
}
