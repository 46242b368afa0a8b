// modules/diagnostics: a diagnostic setting and metric alerts on one resource (called by
// modules/cluster).
import { block, comment, file, raw } from '../../generate-tree.mjs';
import { objType, output, variable } from '../hcl.mjs';
import { childTerraformTf, COMMON_VARS, telemetryTf } from './avm.mjs';

export default function diagnosticsModule() {
  return {
    'terraform.tf': childTerraformTf('diagnostics'),
    'variables.tf': file(
      comment('A diagnostic setting to Log Analytics, and metric alerts, on one resource.'),
      variable('name', { type: 'string', description: 'Name of the diagnostic setting; alert names are derived from it.', nullable: false }),
      variable('resource_group_name', { type: 'string', description: 'Resource group of the alerts.', nullable: false }),
      variable('target_resource_id', { type: 'string', description: 'The resource to monitor.', nullable: false }),
      variable('log_analytics_workspace_id', { type: 'string', description: 'Destination workspace.', nullable: false }),
      variable('log_categories', { type: 'list(string)', default: [], description: 'Log categories; empty: the allLogs category group.' }),
      variable('metric_categories', { type: 'list(string)', default: ['AllMetrics'], description: 'Metric categories to export.' }),
      variable('log_analytics_destination_type', { type: 'string', default: 'Dedicated', description: 'Dedicated (resource-specific tables) or AzureDiagnostics.' }),
      ...COMMON_VARS,
    ),
    'variables.alerts.tf': file(
      variable('action_group_id', { type: 'string', default: null, description: 'Action group the alerts notify; null: no action.' }),
      variable('metric_alerts', {
        type: `map(${objType({
          metric_namespace: 'optional(string, "Microsoft.ContainerService/managedClusters")',
          metric_name: 'string',
          aggregation: 'optional(string, "Average")',
          operator: 'optional(string, "GreaterThan")',
          threshold: 'number',
          severity: 'optional(number, 3)',
          frequency: 'optional(string, "PT5M")',
          window_size: 'optional(string, "PT15M")',
          description: 'optional(string, "")',
        })})`,
        default: {},
        description: 'Metric alerts by name.',
      }),
    ),
    'locals.tf': file(
      block('', 'locals', [
        ['log_category_groups', raw('length(var.log_categories) == 0 ? ["allLogs"] : []')],
        ['alert_prefix', raw('replace(var.name, "diag-", "alert-")')],
      ]),
    ),
    'main.tf': file(
      block(
        '',
        'resource "azurerm_monitor_diagnostic_setting" "this"',
        [
          ['name', raw('var.name')],
          ['target_resource_id', raw('var.target_resource_id')],
          ['log_analytics_workspace_id', raw('var.log_analytics_workspace_id')],
          ['log_analytics_destination_type', raw('var.log_analytics_destination_type')],
        ],
        block('  ', 'dynamic "enabled_log"', [['for_each', raw('var.log_categories')]], block('    ', 'content', [['category', raw('enabled_log.value')]])),
        block('  ', 'dynamic "enabled_log"', [['for_each', raw('local.log_category_groups')]], block('    ', 'content', [['category_group', raw('enabled_log.value')]])),
        block('  ', 'dynamic "metric"', [['for_each', raw('var.metric_categories')]], block('    ', 'content', [['category', raw('metric.value')]])),
      ),
    ),
    'main.alerts.tf': file(
      block(
        '',
        'resource "azurerm_monitor_metric_alert" "this"',
        [
          ['for_each', raw('var.metric_alerts')],
          ['name', raw('"${local.alert_prefix}-${replace(each.key, "_", "-")}"')],
          ['resource_group_name', raw('var.resource_group_name')],
          ['scopes', [raw('var.target_resource_id')]],
          ['description', raw('each.value.description')],
          ['severity', raw('each.value.severity')],
          ['frequency', raw('each.value.frequency')],
          ['window_size', raw('each.value.window_size')],
          ['tags', raw('var.tags')],
        ],
        block('  ', 'criteria', [
          ['metric_namespace', raw('each.value.metric_namespace')],
          ['metric_name', raw('each.value.metric_name')],
          ['aggregation', raw('each.value.aggregation')],
          ['operator', raw('each.value.operator')],
          ['threshold', raw('each.value.threshold')],
        ]),
        block('  ', 'dynamic "action"', [['for_each', raw('var.action_group_id == null ? [] : [var.action_group_id]')]], block('    ', 'content', [['action_group_id', raw('action.value')]])),
      ),
    ),
    'main.telemetry.tf': telemetryTf('diagnostics'),
    'outputs.tf': file(
      output('diagnostic_setting_id', 'Resource ID of the diagnostic setting.', 'azurerm_monitor_diagnostic_setting.this.id'),
      output('metric_alert_ids', 'Metric alert IDs by name.', '{ for name, a in azurerm_monitor_metric_alert.this : name => a.id }'),
    ),
  };
}
