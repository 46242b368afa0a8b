// modules/pools: azurerm_kubernetes_cluster_node_pool with for_each over var.node_pools.
import { block, comment, file, raw } from '../../generate-tree.mjs';
import { objType, output, variable } from '../hcl.mjs';
import { childTerraformTf, COMMON_VARS, telemetryTf } from './avm.mjs';

export default function poolsModule() {
  return {
    'terraform.tf': childTerraformTf('pools'),
    'variables.tf': file(
      comment('User node pools of one cluster.'),
      variable('kubernetes_cluster_id', { type: 'string', description: 'The cluster the pools belong to.', nullable: false }),
      variable('kubernetes_version', { type: 'string', default: null, description: 'Orchestrator version of the pools; null: the control plane version.' }),
      variable('vnet_subnet_id', { type: 'string', description: 'Node subnet of every pool.', nullable: false }),
      variable('pod_subnet_id', { type: 'string', default: null, description: 'Pod subnet of every pool; null: none (overlay or flat network).' }),
      variable('node_pools', {
        type: `map(${objType({
          vm_size: 'string',
          os_type: 'optional(string, "Linux")',
          os_sku: 'optional(string, null)',
          mode: 'optional(string, "User")',
          min_count: 'optional(number, 1)',
          max_count: 'optional(number, 5)',
          max_pods: 'optional(number, null)',
          zones: 'optional(list(string), null)',
          labels: 'optional(map(string), {})',
          taints: 'optional(list(string), [])',
          priority: 'optional(string, "Regular")',
          spot_max_price: 'optional(number, -1)',
          os_disk_size_gb: 'optional(number, null)',
        })})`,
        default: {},
        description: 'Pools by name: lowercase letters and digits, at most 12 (6 for Windows).',
        nullable: false,
        validation: [['alltrue([for name, p in var.node_pools : can(regex(p.os_type == "Windows" ? "^[a-z][a-z0-9]{0,5}$" : "^[a-z][a-z0-9]{0,11}$", name))])', 'Pool names are lowercase letters and digits, at most 12 long (6 for Windows).']],
      }),
      ...COMMON_VARS,
    ),
    'variables.defaults.tf': file(
      variable('pool_defaults', {
        type: objType({
          max_pods: 'optional(number, 110)',
          zones: 'optional(list(string), ["1", "2", "3"])',
          os_disk_size_gb: 'optional(number, 128)',
          os_disk_type: 'optional(string, "Ephemeral")',
          max_surge: 'optional(string, "10%")',
        }),
        default: {},
        description: 'Values for the settings a pool leaves out.',
        nullable: false,
      }),
    ),
    'locals.tf': file(
      block('', 'locals', [
        [
          'pools',
          raw(
            '{\n    for name, p in var.node_pools : name => merge(p, {\n      max_pods        = p.max_pods != null ? p.max_pods : var.pool_defaults.max_pods\n      zones           = p.zones != null ? p.zones : var.pool_defaults.zones\n      os_disk_size_gb = p.os_disk_size_gb != null ? p.os_disk_size_gb : var.pool_defaults.os_disk_size_gb\n      os_sku          = p.os_sku != null ? p.os_sku : (p.os_type == "Windows" ? "Windows2022" : "AzureLinux")\n      spot            = p.priority == "Spot"\n    })\n  }',
          ),
        ],
      ]),
    ),
    'main.tf': file(
      block(
        '',
        'resource "azurerm_kubernetes_cluster_node_pool" "this"',
        [
          ['for_each', raw('local.pools')],
          ['name', raw('each.key')],
          ['kubernetes_cluster_id', raw('var.kubernetes_cluster_id')],
          ['vm_size', raw('each.value.vm_size')],
          ['mode', raw('each.value.mode')],
          ['os_type', raw('each.value.os_type')],
          ['os_sku', raw('each.value.os_sku')],
          ['orchestrator_version', raw('var.kubernetes_version')],
          ['auto_scaling_enabled', true],
          ['min_count', raw('each.value.min_count')],
          ['max_count', raw('each.value.max_count')],
          ['max_pods', raw('each.value.max_pods')],
          ['os_disk_size_gb', raw('each.value.os_disk_size_gb')],
          ['os_disk_type', raw('each.value.os_type == "Windows" ? "Managed" : var.pool_defaults.os_disk_type')],
          ['priority', raw('each.value.priority')],
          ['eviction_policy', raw('each.value.spot ? "Delete" : null')],
          ['spot_max_price', raw('each.value.spot ? each.value.spot_max_price : null')],
          ['vnet_subnet_id', raw('var.vnet_subnet_id')],
          ['pod_subnet_id', raw('var.pod_subnet_id')],
          ['zones', raw('each.value.zones')],
          ['node_labels', raw('each.value.labels')],
          ['node_taints', raw('each.value.spot ? concat(each.value.taints, ["kubernetes.azure.com/scalesetpriority=spot:NoSchedule"]) : each.value.taints')],
          ['tags', raw('var.tags')],
        ],
        block(
          '  ',
          'dynamic "upgrade_settings"',
          [['for_each', raw('each.value.spot ? [] : [var.pool_defaults.max_surge]')]],
          block('    ', 'content', [
            ['max_surge', raw('upgrade_settings.value')],
            ['drain_timeout_in_minutes', 30],
          ]),
        ),
        block('  ', 'lifecycle', [['ignore_changes', [raw('node_count')]]]),
      ),
    ),
    'main.telemetry.tf': telemetryTf('pools'),
    'outputs.tf': file(
      output('ids', 'Node pool resource IDs by name.', '{ for name, p in azurerm_kubernetes_cluster_node_pool.this : name => p.id }'),
      output('names', 'Names of the pools.', 'keys(local.pools)'),
      output('windows_pools', 'Names of the Windows pools.', '[for name, p in local.pools : name if p.os_type == "Windows"]'),
    ),
  };
}
