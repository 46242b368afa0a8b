/**
 * The azurerm provider changes a pool's vnet_subnet_id, pod_subnet_id, max_pods or public IPs by
 * rotating it: it creates a temporary pool named `temporary_name_for_rotation`, deletes and
 * recreates the pool, and deletes the temporary one. Without that name the apply fails with
 * "`temporary_name_for_rotation` must be specified when updating any of the following properties
 * [...]" (the default pool on every release; a node pool resource from 4.16, which replaced the
 * pool before). Sources: domain/network-profile.md §3-4, rp-rules.md §I; the error in the
 * provider's update of both resources.
 */
import type { BaselineInfo } from '../aks/model.js';
import { defaultPoolOf, freeTemporaryName, listChanges, nodePoolOf, poolFate, temporaryName, type PoolChange, type PoolInstance } from '../aks/pool-changes.js';
import { defineRule, type Edits, type Report, type ReportFunction } from './define-rule.js';
import { priorRelated, restoreSuggestion, RESTORE_MESSAGES } from './shared/change-suggestions.js';

type Messages = 'requiresTemporaryName' | 'requiresTemporaryNameFrom416' | 'rotated' | 'setTemporaryName' | 'setTemporaryNameFrom416' | keyof typeof RESTORE_MESSAGES;

const APPLY_ERROR = '"`temporary_name_for_rotation` must be specified when updating any of the following properties [...]"';

function check(subject: PoolInstance, baseline: BaselineInfo | undefined, report: ReportFunction<Messages>): void {
  if (!baseline) return;
  const fate = poolFate(subject);
  if (fate.fate !== 'rotated' && fate.fate !== 'rotatedOrReplaced') return;
  const temporary = temporaryName(subject.pool);
  if (!temporary) return;
  const changes = fate.by;
  const [first] = changes;
  const base: Pick<Report<Messages>, 'uri' | 'range' | 'related' | 'source' | 'majorSpecific'> = {
    uri: first.uri,
    range: first.range,
    related: changes.map((c) => priorRelated(c, baseline, c.uri, c.range)),
    source: first.after,
    // The default pool rotates on every release; a node pool resource only from 4.16 (a 4.x or 5.x major that may be assumed).
    majorSpecific: !subject.isDefault,
  };
  const data = { pool: subject.label, changes: listChanges(changes) };
  if (temporary.state === 'set') {
    if (fate.fate === 'rotated') report({ ...base, messageId: 'rotated', severity: 'info', data: { ...data, temporary: temporary.name } });
    // Set, on an unknown minor: rotated from 4.16, replaced before; change-replaces-node-pool says so.
    return;
  }
  const block = subject.isDefault ? subject.pool.site : subject.instance.site;
  const name = freeTemporaryName(subject);
  report({
    ...base,
    messageId: fate.fate === 'rotated' ? 'requiresTemporaryName' : 'requiresTemporaryNameFrom416',
    ...(fate.fate === 'rotatedOrReplaced' ? { severity: 'warning' as const } : {}),
    data: { ...data, ...(fate.fate === 'rotatedOrReplaced' ? { version: subject.instance.provider.detail } : {}) },
    suggest: [
      // Before 4.16 a node pool resource has no such attribute: the title says so.
      ...(block ? [{ messageId: fate.fate === 'rotated' ? ('setTemporaryName' as const) : ('setTemporaryNameFrom416' as const), data: { name }, edit: (e: Edits) => e.setAttribute(block, 'temporary_name_for_rotation', name, subject.pool.temporaryNameForRotation) }] : []),
      ...restoreAll(changes, baseline, subject),
    ],
  });
}

/** The restore suggestion of each change. */
function restoreAll(changes: readonly PoolChange[], baseline: BaselineInfo, subject: PoolInstance) {
  const block = subject.isDefault ? subject.pool.site : subject.instance.site;
  return changes.flatMap((c) => restoreSuggestion(c, baseline, block) ?? []);
}

export default defineRule({
  id: 'pool-rotation-requires-temporary-name',
  title: 'A pool change that rotates the pool needs temporary_name_for_rotation',
  severity: 'error',
  messages: {
    requiresTemporaryName: `{{pool}} changes {{changes}}: the azurerm provider applies this by rotating the pool through a temporary pool, but temporary_name_for_rotation is not set, so terraform apply fails with ${APPLY_ERROR}.`,
    requiresTemporaryNameFrom416: `{{pool}} changes {{changes}} and temporary_name_for_rotation is not set: on azurerm 4.16 and later terraform apply fails with ${APPLY_ERROR}; before 4.16 Terraform replaces the pool instead. The release is not pinned (azurerm {{version}}).`,
    rotated:
      '{{pool}} changes {{changes}}: the azurerm provider rotates the pool through the temporary pool "{{temporary}}": it creates that pool, drains and deletes the nodes of this one, creates it again with the new settings and deletes the temporary pool.',
    setTemporaryName: 'Set temporary_name_for_rotation = "{{name}}" (the pool is then rotated: its nodes are drained and recreated)',
    setTemporaryNameFrom416: 'Set temporary_name_for_rotation = "{{name}}" (azurerm 4.16 and later; the pool is then rotated: its nodes are drained and recreated)',
    ...RESTORE_MESSAGES,
  },
  checkCluster({ cluster, model }, report) {
    if (cluster.form !== 'azurerm') return;
    check(defaultPoolOf(cluster), model.baseline, report);
  },
  checkNodePool({ nodePool, model }, report) {
    if (nodePool.form !== 'azurerm') return;
    check(nodePoolOf(nodePool), model.baseline, report);
  },
});
