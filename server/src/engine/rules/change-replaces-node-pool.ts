/**
 * An `azurerm_kubernetes_cluster_node_pool` is destroyed and created again when its os_type
 * changes (ForceNew on every release), and when its vnet_subnet_id, pod_subnet_id, max_pods or
 * public IPs change on azurerm 3.x and 4.0-4.15 (ForceNew; rotated in place from 4.16). A plan as
 * the baseline says so itself (`["delete", "create"]`). Sources: domain/network-profile.md §4,
 * rp-rules.md §I.
 */
import type { BaselineInfo, PlannedChange } from '../aks/model.js';
import { listChanges, nodePoolOf, poolFate, type PoolInstance } from '../aks/pool-changes.js';
import { defineRule, type RelatedInformation, type ReportFunction } from './define-rule.js';
import { priorRelated, restoreSuggestion, RESTORE_MESSAGES } from './shared/change-suggestions.js';

type Messages = 'replaced' | 'replacedOsType' | 'replacedBefore416' | 'plannedReplacement' | keyof typeof RESTORE_MESSAGES;

function check(subject: PoolInstance, baseline: BaselineInfo | undefined, report: ReportFunction<Messages>): void {
  if (!baseline) return;
  const fate = poolFate(subject);
  const changes = fate.fate === 'none' || fate.fate === 'sent' ? [] : fate.by;
  const [first] = changes;
  const place = first ? { uri: first.uri, range: first.range, source: first.after } : { uri: subject.instance.uri, range: subject.instance.site.labelRange };
  const related: RelatedInformation[] = changes.map((c) => priorRelated(c, baseline, c.uri, c.range));
  const suggest = changes.flatMap((c) => restoreSuggestion(c, baseline, subject.instance.site) ?? []);
  const { provider } = subject.instance;
  const data = { pool: subject.label, changes: listChanges(changes), version: provider.minor === undefined ? provider.detail : `${provider.major}.${provider.minor}` };
  if (fate.fate === 'replaced' && fate.planned) {
    report({ ...place, messageId: 'plannedReplacement', data: { pool: subject.label, why: plannedWhy(fate.planned) }, related: [...related, planRelated(fate.planned, subject)], suggest });
    return;
  }
  if (fate.fate === 'replaced') {
    const osType = changes.some((c) => c.attribute === 'os_type');
    report({ ...place, messageId: osType ? 'replacedOsType' : 'replaced', data, related, suggest });
    return;
  }
  // Rotated from 4.16 with temporary_name_for_rotation set; without it, pool-rotation-requires-temporary-name warns.
  if (fate.fate === 'rotatedOrReplaced' && subject.pool.temporaryNameForRotation.state === 'set') {
    report({ ...place, messageId: 'replacedBefore416', data, related, suggest });
  }
}

/** `replace_paths: os_type`, or the plan's reason when it names no path. */
function plannedWhy(planned: PlannedChange): string {
  if (planned.replacePaths.length > 0) return `replace_paths: ${planned.replacePaths.map((p) => p.join('.')).join(', ')}`;
  return planned.actionReason ? `action_reason: ${planned.actionReason}` : 'actions: delete, create';
}

function planRelated(planned: PlannedChange, subject: PoolInstance): RelatedInformation {
  return { uri: planned.uri, range: planned.range, message: `The plan's change for ${subject.instance.address}: ${planned.actions.join(', ')}.` };
}

export default defineRule({
  id: 'change-replaces-node-pool',
  title: 'A node pool change that replaces the pool',
  severity: 'warning',
  messages: {
    replaced:
      '{{pool}} changes {{changes}}, which azurerm {{version}} cannot update in place: Terraform will destroy {{pool}} and create it again (its nodes are drained and deleted). azurerm 4.16 and later rotate the pool in place with temporary_name_for_rotation.',
    replacedOsType: '{{pool}} changes {{changes}}: a new os_type forces a new pool on every azurerm release, so Terraform will destroy {{pool}} and create it again (its nodes are drained and deleted).',
    replacedBefore416:
      '{{pool}} changes {{changes}}: azurerm 4.16 and later rotate the pool in place through temporary_name_for_rotation, but before 4.16 Terraform destroys {{pool}} and creates it again (its nodes are drained and deleted). The release is not pinned (azurerm {{version}}).',
    plannedReplacement: 'terraform plan replaces {{pool}} ({{why}}): Terraform will destroy the pool and create it again (its nodes are drained and deleted).',
    ...RESTORE_MESSAGES,
  },
  checkNodePool({ nodePool, model }, report) {
    if (nodePool.form !== 'azurerm') return;
    check(nodePoolOf(nodePool), model.baseline, report);
  },
});
