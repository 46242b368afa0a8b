// modules/identity: workload identities federated with the cluster issuer, and their roles.
import { block, comment, file, raw } from '../../generate-tree.mjs';
import { objType, output, variable } from '../hcl.mjs';
import { childTerraformTf, COMMON_VARS, telemetryTf } from './avm.mjs';

export default function identityModule() {
  return {
    'terraform.tf': childTerraformTf('identity'),
    'variables.tf': file(
      comment('Workload identities: one user-assigned identity per Kubernetes service account, federated with the cluster issuer.'),
      variable('name_prefix', { type: 'string', description: 'Prefix of the identity names.', nullable: false }),
      variable('resource_group_name', { type: 'string', description: 'Resource group of the identities.', nullable: false }),
      variable('location', { type: 'string', description: 'Azure region of the identities.', nullable: false }),
      variable('oidc_issuer_url', { type: 'string', description: 'OIDC issuer URL of the cluster.', nullable: false }),
      ...COMMON_VARS,
    ),
    'variables.workloads.tf': file(
      variable('workloads', {
        type: `map(${objType({
          namespace: 'string',
          service_account: 'string',
          role_assignments: `optional(map(${objType({ scope: 'string', role_definition_name: 'string' }, '    ')}), {})`,
        })})`,
        default: {},
        description: 'Workloads by name: the service account to federate and the roles its identity gets.',
        nullable: false,
      }),
    ),
    'locals.tf': file(
      block('', 'locals', [
        [
          'role_assignments',
          raw('merge([\n    for workload, w in var.workloads : {\n      for role, r in w.role_assignments : "${workload}-${role}" => merge(r, { workload = workload })\n    }\n  ]...)'),
        ],
      ]),
    ),
    'main.tf': file(
      block('', 'resource "azurerm_user_assigned_identity" "this"', [
        ['for_each', raw('var.workloads')],
        ['name', raw('"id-${each.key}-${var.name_prefix}"')],
        ['location', raw('var.location')],
        ['resource_group_name', raw('var.resource_group_name')],
        ['tags', raw('var.tags')],
      ]),
    ),
    'main.federation.tf': file(
      block('', 'resource "azurerm_federated_identity_credential" "this"', [
        ['for_each', raw('var.workloads')],
        ['name', raw('"fic-${each.key}"')],
        ['resource_group_name', raw('var.resource_group_name')],
        ['parent_id', raw('azurerm_user_assigned_identity.this[each.key].id')],
        ['audience', ['api://AzureADTokenExchange']],
        ['issuer', raw('var.oidc_issuer_url')],
        ['subject', raw('"system:serviceaccount:${each.value.namespace}:${each.value.service_account}"')],
      ]),
    ),
    'main.role_assignments.tf': file(
      block('', 'resource "azurerm_role_assignment" "this"', [
        ['for_each', raw('local.role_assignments')],
        ['scope', raw('each.value.scope')],
        ['role_definition_name', raw('each.value.role_definition_name')],
        ['principal_id', raw('azurerm_user_assigned_identity.this[each.value.workload].principal_id')],
      ]),
    ),
    'main.telemetry.tf': telemetryTf('identity'),
    'outputs.tf': file(
      output('client_ids', 'Client IDs by workload (the azure.workload.identity/client-id annotation).', '{ for name, i in azurerm_user_assigned_identity.this : name => i.client_id }'),
      output('principal_ids', 'Principal IDs by workload.', '{ for name, i in azurerm_user_assigned_identity.this : name => i.principal_id }'),
    ),
  };
}
