// What the child modules share, as Azure Verified Modules do: provider ranges (terraform.tf), usage
// telemetry (main.telemetry.tf), the lock and role-assignment interface, common variables, and the
// private endpoint that acr and keyvault call.
import { block, comment, file, raw } from '../../generate-tree.mjs';
import { moduleCall, objType, variable } from '../hcl.mjs';

export const COMMON_VARS = [
  variable('tags', { type: 'map(string)', default: {}, description: 'Tags added to every resource of the module.' }),
  variable('enable_telemetry', {
    type: 'bool',
    default: true,
    description: 'Send usage telemetry of the module (the Azure Verified Modules convention). No data about the resources is sent.',
    nullable: false,
  }),
];

export const NAME_RG_LOCATION = (what) => [
  variable('name', { type: 'string', description: `Name of the ${what}.`, nullable: false }),
  variable('resource_group_name', { type: 'string', description: `Resource group of the ${what}.`, nullable: false }),
  variable('location', { type: 'string', description: `Azure region of the ${what}.`, nullable: false }),
];

export function childTerraformTf(name) {
  return file(
    comment(`Providers of the ${name} module. The root pins the azurerm major; this range only keeps out the ones the module was never written for.`),
    block(
      '',
      'terraform',
      [['required_version', '>= 1.9, < 2.0']],
      block('  ', 'required_providers', [
        ['azurerm', { source: 'hashicorp/azurerm', version: '>= 4.0, < 5.0' }],
        ['modtm', { source: 'azure/modtm', version: '~> 0.3' }],
        ['random', { source: 'hashicorp/random', version: '~> 3.6' }],
      ]),
    ),
  );
}

export function telemetryTf(name) {
  const count = ['count', raw('var.enable_telemetry ? 1 : 0')];
  return file(
    comment(`Usage telemetry of the ${name} module, as every Azure Verified Module sends it; off with enable_telemetry = false.`),
    block('', 'data "azurerm_client_config" "telemetry"', [count]),
    block('', 'data "modtm_module_source" "telemetry"', [count, ['module_path', raw('path.module')]]),
    block('', 'resource "random_uuid" "telemetry"', [count]),
    block('', 'resource "modtm_telemetry" "telemetry"', [
      count,
      [
        'tags',
        {
          subscription_id: raw('one(data.azurerm_client_config.telemetry).subscription_id'),
          tenant_id: raw('one(data.azurerm_client_config.telemetry).tenant_id'),
          module_source: raw('one(data.modtm_module_source.telemetry).module_source'),
          module_version: raw('one(data.modtm_module_source.telemetry).module_version'),
          random_id: raw('one(random_uuid.telemetry).result'),
        },
      ],
    ]),
  );
}

export function interfaceVariablesTf(what) {
  return file(
    comment(`The lock and role-assignment interface shared by the resource modules, on the ${what}.`),
    variable('lock', {
      type: objType({ kind: 'string', name: 'optional(string, null)' }),
      default: null,
      description: `Management lock on the ${what}: kind "CanNotDelete" or "ReadOnly".`,
      validation: [['var.lock != null ? contains(["CanNotDelete", "ReadOnly"], var.lock.kind) : true', 'lock.kind must be "CanNotDelete" or "ReadOnly".']],
    }),
    variable('role_assignments', {
      type: `map(${objType({
        role_definition_id_or_name: 'string',
        principal_id: 'string',
        description: 'optional(string, null)',
        skip_service_principal_aad_check: 'optional(bool, false)',
        principal_type: 'optional(string, null)',
      })})`,
      default: {},
      description: `Role assignments on the ${what}, by a key of your choice.`,
      nullable: false,
    }),
  );
}

export function interfacesTf(scope) {
  const byId = 'strcontains(lower(each.value.role_definition_id_or_name), lower(local.role_definition_resource_substring))';
  return file(
    block('', 'resource "azurerm_management_lock" "this"', [
      ['count', raw('var.lock != null ? 1 : 0')],
      ['lock_level', raw('var.lock.kind')],
      ['name', raw('coalesce(var.lock.name, "lock-${var.lock.kind}")')],
      ['scope', raw(scope)],
      ['notes', raw('var.lock.kind == "CanNotDelete" ? "Cannot delete the resource or its children." : "Cannot delete or modify the resource or its children."')],
    ]),
    block('', 'resource "azurerm_role_assignment" "this"', [
      ['for_each', raw('var.role_assignments')],
      ['principal_id', raw('each.value.principal_id')],
      ['scope', raw(scope)],
      ['description', raw('each.value.description')],
      ['principal_type', raw('each.value.principal_type')],
      ['role_definition_id', raw(`${byId} ? each.value.role_definition_id_or_name : null`)],
      ['role_definition_name', raw(`${byId} ? null : each.value.role_definition_id_or_name`)],
      ['skip_service_principal_aad_check', raw('each.value.skip_service_principal_aad_check')],
    ]),
  );
}

export const ROLE_SUBSTRING = ['role_definition_resource_substring', '/providers/Microsoft.Authorization/roleDefinitions'];

/** The private endpoint variables and call shared by acr and keyvault. */
export const privateEndpointVars = (what) => [
  variable('public_network_access_enabled', { type: 'bool', default: false, description: `Public access to the ${what}.` }),
  variable('private_endpoint_enabled', { type: 'bool', default: true, description: `Reach the ${what} through a private endpoint.` }),
  variable('private_endpoint_subnet_id', { type: 'string', default: null, description: 'Subnet of the private endpoint.' }),
  variable('private_dns_zone_ids', { type: 'list(string)', default: [], description: 'Private DNS zones that get the endpoint record.' }),
];

export function privateEndpointCall(target, subresource) {
  return file(
    moduleCall(
      'private_endpoint',
      '../private-endpoint',
      [['count', raw('var.private_endpoint_enabled ? 1 : 0')]],
      [
        ['name', raw('"pe-${var.name}"')],
        ['resource_group_name', raw('var.resource_group_name')],
        ['location', raw('var.location')],
        ['subnet_id', raw('var.private_endpoint_subnet_id')],
        ['private_connection_resource_id', raw(`${target}.id`)],
        ['subresource_names', [subresource]],
        ['private_dns_zone_ids', raw('var.private_dns_zone_ids')],
      ],
      [
        ['enable_telemetry', raw('var.enable_telemetry')],
        ['tags', raw('var.tags')],
      ],
    ),
  );
}
