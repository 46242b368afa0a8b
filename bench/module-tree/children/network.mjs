// modules/network: the spoke VNet, subnets from a map (outputs subnet_ids and subnet_prefixes),
// NSG, hub peering; calls ../route-table when a firewall IP is given.
import { block, comment, file, raw } from '../../generate-tree.mjs';
import { moduleCall, objType, output, variable } from '../hcl.mjs';
import { childTerraformTf, COMMON_VARS, interfacesTf, interfaceVariablesTf, NAME_RG_LOCATION, ROLE_SUBSTRING, telemetryTf } from './avm.mjs';

export default function networkModule() {
  const subnetType = `map(${objType({
    address_prefixes: 'list(string)',
    service_endpoints: 'optional(list(string), [])',
    delegation: 'optional(string, "")',
    private_endpoint_network_policies: 'optional(string, "Disabled")',
    nsg_enabled: 'optional(bool, true)',
    route_table_enabled: 'optional(bool, false)',
  })})`;
  return {
    'terraform.tf': childTerraformTf('network'),
    'variables.tf': file(
      comment('The spoke virtual network: its address space and DNS.'),
      ...NAME_RG_LOCATION('virtual network'),
      variable('address_space', {
        type: 'list(string)',
        description: 'Address ranges of the virtual network (CIDR).',
        nullable: false,
        validation: [['length(var.address_space) > 0 && alltrue([for a in var.address_space : can(cidrhost(a, 0))])', 'address_space must hold at least one CIDR range.']],
      }),
      variable('dns_servers', { type: 'list(string)', default: [], description: 'Custom DNS servers; empty: Azure-provided DNS.' }),
      ...COMMON_VARS,
    ),
    'variables.subnets.tf': file(
      comment('Subnets and the network security group in front of them.'),
      variable('subnets', {
        type: subnetType,
        description: 'Subnets by short name (aks, pods, ingress, endpoints, ...). A delegation names the service, e.g. Microsoft.ContainerService/managedClusters.',
        nullable: false,
        validation: [['alltrue(flatten([for s in var.subnets : [for p in s.address_prefixes : can(cidrhost(p, 0))]]))', 'Every subnet address prefix must be a CIDR range.']],
      }),
      variable('nsg_rules', {
        type: `map(${objType({
          priority: 'number',
          direction: 'string',
          access: 'string',
          protocol: 'string',
          destination_port_range: 'string',
          source_address_prefix: 'string',
          destination_address_prefix: 'optional(string, "VirtualNetwork")',
        })})`,
        default: {
          AllowHttpsInbound: { priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', destination_port_range: '443', source_address_prefix: 'Internet' },
          AllowAzureLoadBalancer: { priority: 110, direction: 'Inbound', access: 'Allow', protocol: '*', destination_port_range: '*', source_address_prefix: 'AzureLoadBalancer', destination_address_prefix: '*' },
          DenySshInbound: { priority: 4000, direction: 'Inbound', access: 'Deny', protocol: 'Tcp', destination_port_range: '22', source_address_prefix: 'Internet', destination_address_prefix: '*' },
        },
        description: 'Security rules of the NSG associated with every subnet that has nsg_enabled.',
      }),
    ),
    'variables.connectivity.tf': file(
      comment('Egress through the hub firewall and peering with the hub.'),
      variable('firewall_private_ip', {
        type: 'string',
        default: '',
        description: 'Private IP of the hub firewall. Set: subnets with route_table_enabled send 0.0.0.0/0 to it. Empty: no route table.',
        nullable: false,
      }),
      variable('extra_routes', {
        type: `map(${objType({ address_prefix: 'string', next_hop_type: 'string', next_hop_in_ip_address: 'optional(string, null)' })})`,
        default: {},
        description: 'Routes besides the default route, by route name.',
      }),
      variable('hub_vnet_id', { type: 'string', default: '', description: 'Resource ID of the hub virtual network to peer with; empty: no peering.', nullable: false }),
      variable('use_remote_gateways', { type: 'bool', default: false, description: 'Use the gateways of the hub (needs a gateway there).' }),
    ),
    'variables.interfaces.tf': interfaceVariablesTf('virtual network'),
    'locals.tf': file(
      block('', 'locals', [
        ['nsg_subnets', raw('{ for name, s in var.subnets : name => s if s.nsg_enabled && s.delegation == "" }')],
        ['routed_subnets', raw('[for name, s in var.subnets : name if s.route_table_enabled]')],
        ['hub_peering', raw('var.hub_vnet_id != ""')],
        ['hub_name', raw('local.hub_peering ? element(split("/", var.hub_vnet_id), 8) : ""')],
        ROLE_SUBSTRING,
      ]),
    ),
    'main.tf': file(
      comment('The virtual network. Subnets are separate resources (main.subnets.tf) so that they can be changed one at a time.'),
      block('', 'resource "azurerm_virtual_network" "this"', [
        ['name', raw('var.name')],
        ['location', raw('var.location')],
        ['resource_group_name', raw('var.resource_group_name')],
        ['address_space', raw('var.address_space')],
        ['dns_servers', raw('var.dns_servers')],
        ['tags', raw('var.tags')],
      ]),
    ),
    'main.subnets.tf': file(
      block(
        '',
        'resource "azurerm_subnet" "this"',
        [
          ['for_each', raw('var.subnets')],
          ['name', raw('each.key == "bastion" ? "AzureBastionSubnet" : "snet-${each.key}-${var.name}"')],
          ['resource_group_name', raw('var.resource_group_name')],
          ['virtual_network_name', raw('azurerm_virtual_network.this.name')],
          ['address_prefixes', raw('each.value.address_prefixes')],
          ['service_endpoints', raw('each.value.service_endpoints')],
          ['private_endpoint_network_policies', raw('each.value.private_endpoint_network_policies')],
        ],
        block(
          '  ',
          'dynamic "delegation"',
          [['for_each', raw('each.value.delegation == "" ? [] : [each.value.delegation]')]],
          block(
            '    ',
            'content',
            [['name', 'delegation']],
            block('      ', 'service_delegation', [
              ['name', raw('delegation.value')],
              ['actions', ['Microsoft.Network/virtualNetworks/subnets/join/action']],
            ]),
          ),
        ),
      ),
    ),
    'main.nsg.tf': file(
      block(
        '',
        'resource "azurerm_network_security_group" "this"',
        [
          ['name', raw('"nsg-${var.name}"')],
          ['location', raw('var.location')],
          ['resource_group_name', raw('var.resource_group_name')],
          ['tags', raw('var.tags')],
        ],
        block(
          '  ',
          'dynamic "security_rule"',
          [['for_each', raw('var.nsg_rules')]],
          block('    ', 'content', [
            ['name', raw('security_rule.key')],
            ['priority', raw('security_rule.value.priority')],
            ['direction', raw('security_rule.value.direction')],
            ['access', raw('security_rule.value.access')],
            ['protocol', raw('security_rule.value.protocol')],
            ['source_port_range', '*'],
            ['destination_port_range', raw('security_rule.value.destination_port_range')],
            ['source_address_prefix', raw('security_rule.value.source_address_prefix')],
            ['destination_address_prefix', raw('security_rule.value.destination_address_prefix')],
          ]),
        ),
      ),
      block('', 'resource "azurerm_subnet_network_security_group_association" "this"', [
        ['for_each', raw('local.nsg_subnets')],
        ['subnet_id', raw('azurerm_subnet.this[each.key].id')],
        ['network_security_group_id', raw('azurerm_network_security_group.this.id')],
      ]),
    ),
    'main.routing.tf': file(
      comment('Forced tunnelling: a route table with 0.0.0.0/0 to the hub firewall, on the subnets that ask for it.'),
      moduleCall(
        'route_table',
        '../route-table',
        [['count', raw('var.firewall_private_ip == "" ? 0 : 1')]],
        [
          ['name', raw('"rt-${var.name}"')],
          ['resource_group_name', raw('var.resource_group_name')],
          ['location', raw('var.location')],
          ['default_next_hop_ip', raw('var.firewall_private_ip')],
          ['routes', raw('var.extra_routes')],
          ['subnet_ids', raw('{ for name in local.routed_subnets : name => azurerm_subnet.this[name].id }')],
        ],
        [
          ['enable_telemetry', raw('var.enable_telemetry')],
          ['tags', raw('var.tags')],
        ],
      ),
    ),
    'main.peering.tf': file(
      block('', 'resource "azurerm_virtual_network_peering" "to_hub"', [
        ['count', raw('local.hub_peering ? 1 : 0')],
        ['name', raw('"peer-${var.name}-to-${local.hub_name}"')],
        ['resource_group_name', raw('var.resource_group_name')],
        ['virtual_network_name', raw('azurerm_virtual_network.this.name')],
        ['remote_virtual_network_id', raw('var.hub_vnet_id')],
        ['allow_forwarded_traffic', true],
        ['allow_virtual_network_access', true],
        ['use_remote_gateways', raw('var.use_remote_gateways')],
      ]),
    ),
    'main.interfaces.tf': interfacesTf('azurerm_virtual_network.this.id'),
    'main.telemetry.tf': telemetryTf('network'),
    'outputs.tf': file(
      output('resource_id', 'Resource ID of the virtual network.', 'azurerm_virtual_network.this.id'),
      output('name', 'Name of the virtual network.', 'azurerm_virtual_network.this.name'),
      output('address_space', 'Address ranges of the virtual network.', 'var.address_space'),
      output('subnet_ids', 'Subnet resource IDs by short name.', '{ for name, s in azurerm_subnet.this : name => s.id }'),
      output('subnet_prefixes', 'First address prefix of each subnet, by short name.', '{ for name, s in var.subnets : name => s.address_prefixes[0] }'),
      output('subnet_names', 'Subnet names by short name.', '{ for name, s in azurerm_subnet.this : name => s.name }'),
      output('route_table_id', 'Resource ID of the route table, or null without a firewall.', 'try(module.route_table[0].resource_id, null)'),
      output('network_security_group_id', 'Resource ID of the NSG.', 'azurerm_network_security_group.this.id'),
    ),
  };
}
