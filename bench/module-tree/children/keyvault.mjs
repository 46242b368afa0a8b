// modules/keyvault: a Key Vault with placeholder secrets and readers; calls ../private-endpoint.
import { block, comment, file, raw } from '../../generate-tree.mjs';
import { objType, output, variable } from '../hcl.mjs';
import { childTerraformTf, COMMON_VARS, interfacesTf, interfaceVariablesTf, NAME_RG_LOCATION, privateEndpointCall, privateEndpointVars, ROLE_SUBSTRING, telemetryTf } from './avm.mjs';

export default function keyvaultModule() {
  return {
    'terraform.tf': childTerraformTf('keyvault'),
    'variables.tf': file(
      comment('A Key Vault for workload secrets, read by the Secrets Store CSI driver.'),
      ...NAME_RG_LOCATION('Key Vault'),
      variable('tenant_id', { type: 'string', description: 'Entra ID tenant of the vault.', nullable: false }),
      variable('sku_name', { type: 'string', default: 'standard', description: 'standard or premium.' }),
      variable('purge_protection_enabled', { type: 'bool', default: true, description: 'Purge protection (cannot be turned off again).' }),
      variable('soft_delete_retention_days', { type: 'number', default: 90, description: 'Soft-delete retention, 7 to 90 days.' }),
      ...COMMON_VARS,
    ),
    'variables.network.tf': file(
      ...privateEndpointVars('vault'),
      variable('network_acls', {
        type: objType({
          bypass: 'optional(string, "AzureServices")',
          default_action: 'optional(string, "Deny")',
          ip_rules: 'optional(list(string), [])',
          virtual_network_subnet_ids: 'optional(list(string), [])',
        }),
        default: {},
        description: 'Firewall of the vault.',
        nullable: false,
      }),
    ),
    'variables.secrets.tf': file(
      variable('secrets', {
        type: `map(${objType({ content_type: 'optional(string, "text/plain")', expiration_date: 'optional(string, null)' })})`,
        default: {},
        description: 'Secrets to create with a placeholder value; the pipeline rotates the real value in.',
      }),
      variable('secret_reader_principal_ids', { type: 'map(string)', default: {}, description: 'Principals that get Key Vault Secrets User, by a static key.' }),
    ),
    'variables.interfaces.tf': interfaceVariablesTf('Key Vault'),
    'locals.tf': file(block('', 'locals', [['secret_names', raw('{ for name, s in var.secrets : name => replace(name, "_", "-") }')], ROLE_SUBSTRING])),
    'main.tf': file(
      block(
        '',
        'resource "azurerm_key_vault" "this"',
        [
          ['name', raw('var.name')],
          ['location', raw('var.location')],
          ['resource_group_name', raw('var.resource_group_name')],
          ['tenant_id', raw('var.tenant_id')],
          ['sku_name', raw('var.sku_name')],
          ['enable_rbac_authorization', true],
          ['purge_protection_enabled', raw('var.purge_protection_enabled')],
          ['soft_delete_retention_days', raw('var.soft_delete_retention_days')],
          ['public_network_access_enabled', raw('var.public_network_access_enabled')],
          ['tags', raw('var.tags')],
        ],
        block('  ', 'network_acls', [
          ['bypass', raw('var.network_acls.bypass')],
          ['default_action', raw('var.network_acls.default_action')],
          ['ip_rules', raw('var.network_acls.ip_rules')],
          ['virtual_network_subnet_ids', raw('var.network_acls.virtual_network_subnet_ids')],
        ]),
      ),
    ),
    'main.private_endpoint.tf': privateEndpointCall('azurerm_key_vault.this', 'vault'),
    'main.secrets.tf': file(
      block(
        '',
        'resource "azurerm_key_vault_secret" "this"',
        [
          ['for_each', raw('var.secrets')],
          ['name', raw('local.secret_names[each.key]')],
          ['value', 'placeholder-rotated-by-pipeline'],
          ['key_vault_id', raw('azurerm_key_vault.this.id')],
          ['content_type', raw('each.value.content_type')],
          ['expiration_date', raw('each.value.expiration_date')],
        ],
        block('  ', 'lifecycle', [['ignore_changes', [raw('value'), raw('expiration_date')]]]),
      ),
      block('', 'resource "azurerm_role_assignment" "secret_readers"', [
        ['for_each', raw('var.secret_reader_principal_ids')],
        ['scope', raw('azurerm_key_vault.this.id')],
        ['role_definition_name', 'Key Vault Secrets User'],
        ['principal_id', raw('each.value')],
      ]),
    ),
    'main.interfaces.tf': interfacesTf('azurerm_key_vault.this.id'),
    'main.telemetry.tf': telemetryTf('keyvault'),
    'outputs.tf': file(
      output('resource_id', 'Resource ID of the vault.', 'azurerm_key_vault.this.id'),
      output('name', 'Name of the vault.', 'azurerm_key_vault.this.name'),
      output('vault_uri', 'URI of the vault.', 'azurerm_key_vault.this.vault_uri'),
      output('secret_ids', 'Versionless secret IDs by name.', '{ for name, s in azurerm_key_vault_secret.this : name => s.versionless_id }'),
    ),
  };
}
