/**
 * What every rule about a change (issue 13) offers besides its message: where the old value is
 * said (related information on the changed value: "At HEAD (3f2a1bc) network_plugin was
 * "kubenet"."), and the suggestion that puts it back as it was at the baseline.
 */
import type { BaselineInfo, BlockSite } from '../../aks/model.js';
import type { EditFunction, RelatedInformation } from '../define-rule.js';
import type { SettingChange } from '../../aks/setting-change.js';
import { describePrior } from '../../aks/setting-change.js';
import type { Range } from '../../text/positions.js';

/** The message templates of the restore suggestion; a change rule spreads them into its messages. */
export const RESTORE_MESSAGES = {
  restore: 'Restore {{attribute}} = {{before}} as at {{baseline}}',
  restoreRemoval: 'Restore: remove {{attribute}}, as at {{baseline}}',
  restoreSeveral: 'Restore {{attributes}} as at {{baseline}}',
} as const;

type RestoreId = keyof typeof RESTORE_MESSAGES;

/**
 * The suggestion that gives a changed setting its value at the baseline back: the value written
 * again where it is set now (the attribute, or the variable or var file it comes from), inserted
 * into `block` when the attribute was removed, or the attribute removed when it was added. None
 * when the old value is not a plain literal (a list, a reference).
 */
export function restoreSuggestion(change: SettingChange, baseline: BaselineInfo, block: BlockSite | undefined): { messageId: RestoreId; data: Record<string, string>; edit: EditFunction } | undefined {
  const { before, after } = change;
  const data = { attribute: after.name, before: describePrior(before), baseline: baseline.label };
  // Not written at the baseline (a default applied): restoring the text is removing it.
  if (before.state === 'absent' && after.state === 'set' && after.site) {
    const site = after.site;
    return { messageId: 'restoreRemoval', data, edit: (e) => e.removeAttribute(site) };
  }
  const old = before.value;
  if (before.state !== 'set' || !(typeof old === 'string' || typeof old === 'number' || typeof old === 'boolean')) return undefined;
  if (after.state === 'set') return { messageId: 'restore', data, edit: (e) => e.replaceSettingValue(after, old) };
  if (after.state === 'absent' && block) return { messageId: 'restore', data, edit: (e) => e.setAttribute(block, after.name, old, after) };
  return undefined;
}

/**
 * One suggestion that restores several changes that only make sense together (the data plane and
 * the Cilium policy that came with it); none when one of them cannot be restored.
 */
export function restoreTogether(changes: readonly SettingChange[], baseline: BaselineInfo, block: BlockSite | undefined): { messageId: RestoreId; data: Record<string, string>; edit: EditFunction } | undefined {
  const restores = changes.map((change) => restoreSuggestion(change, baseline, block));
  if (restores.length === 1) return restores[0];
  if (restores.some((r) => r === undefined)) return undefined;
  return {
    messageId: 'restoreSeveral',
    data: { attributes: changes.map((c) => c.after.name).join(' and '), baseline: baseline.label },
    edit: (e) => restores.every((r) => r!.edit(e)),
  };
}

/** Where the old value is said: on the changed value now. */
export function priorRelated(change: SettingChange, baseline: BaselineInfo, uri: string, range: Range): RelatedInformation {
  const { before } = change;
  const was = before.state !== 'absent' ? `was ${describePrior(before)}` : before.value === null || before.value === undefined ? 'was not set' : `was not set (${describePrior(before)} by default)`;
  return { uri, range, message: `At ${baseline.label} ${change.after.name} ${was}.` };
}
