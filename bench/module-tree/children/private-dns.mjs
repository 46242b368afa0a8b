// modules/private-dns: a private DNS zone, VNet links and A records (called with for_each).
import { block, comment, file, raw } from '../../generate-tree.mjs';
import { objType, output, variable } from '../hcl.mjs';
import { childTerraformTf, COMMON_VARS, telemetryTf } from './avm.mjs';

export default function privateDnsModule() {
  return {
    'terraform.tf': childTerraformTf('private-dns'),
    'variables.tf': file(
      comment('A private DNS zone linked to virtual networks.'),
      variable('domain_name', {
        type: 'string',
        description: 'The zone, e.g. privatelink.azurecr.io.',
        nullable: false,
        validation: [['can(regex("^[a-z0-9.-]+$", var.domain_name))', 'domain_name is a lowercase DNS name.']],
      }),
      variable('resource_group_name', { type: 'string', description: 'Resource group of the zone.', nullable: false }),
      variable('virtual_network_links', { type: 'map(string)', default: {}, description: 'Virtual networks to link, by a static key.' }),
      variable('registration_enabled', { type: 'bool', default: false, description: 'Auto-register VM records (one zone per VNet at most).' }),
      ...COMMON_VARS,
    ),
    'variables.records.tf': file(
      variable('a_records', {
        type: `map(${objType({ ttl: 'optional(number, 300)', records: 'list(string)' })})`,
        default: {},
        description: 'A records by host name.',
      }),
    ),
    'locals.tf': file(block('', 'locals', [['zone_label', raw('replace(var.domain_name, ".", "-")')]])),
    'main.tf': file(
      block('', 'resource "azurerm_private_dns_zone" "this"', [
        ['name', raw('var.domain_name')],
        ['resource_group_name', raw('var.resource_group_name')],
        ['tags', raw('var.tags')],
      ]),
    ),
    'main.links.tf': file(
      block('', 'resource "azurerm_private_dns_zone_virtual_network_link" "this"', [
        ['for_each', raw('var.virtual_network_links')],
        ['name', raw('"link-${each.key}-${local.zone_label}"')],
        ['resource_group_name', raw('var.resource_group_name')],
        ['private_dns_zone_name', raw('azurerm_private_dns_zone.this.name')],
        ['virtual_network_id', raw('each.value')],
        ['registration_enabled', raw('var.registration_enabled')],
        ['tags', raw('var.tags')],
      ]),
    ),
    'main.records.tf': file(
      block('', 'resource "azurerm_private_dns_a_record" "this"', [
        ['for_each', raw('var.a_records')],
        ['name', raw('each.key')],
        ['zone_name', raw('azurerm_private_dns_zone.this.name')],
        ['resource_group_name', raw('var.resource_group_name')],
        ['ttl', raw('each.value.ttl')],
        ['records', raw('each.value.records')],
        ['tags', raw('var.tags')],
      ]),
    ),
    'main.telemetry.tf': telemetryTf('private-dns'),
    'outputs.tf': file(
      output('resource_id', 'Resource ID of the zone.', 'azurerm_private_dns_zone.this.id'),
      output('name', 'Name of the zone.', 'azurerm_private_dns_zone.this.name'),
      output('link_ids', 'Virtual network link IDs by key.', '{ for key, l in azurerm_private_dns_zone_virtual_network_link.this : key => l.id }'),
    ),
  };
}
