/**
 * The Microsoft AKS modules aks-netlint reads when `terraform init` has not installed them
 * (issue "Every form the cluster takes", point 1; input-forms.md §1-2): for a registry `source`
 * and `version` constraint, the newest release the constraint allows, and the input map of that
 * release's family, parsed as a module the tree reads like installed code. Its files live under
 * a `aks-netlint-builtin:` URI that no editor opens; findings there are moved to the call
 * (analyze/place-findings.ts).
 */
import type { Parsers } from '../../syntax/parse-file.js';
import { builtinDir } from '../../terraform/builtin-modules.js';
import { buildModule, type TfModule } from '../../terraform/module.js';
import { parseModuleSource } from '../../terraform/module-sources.js';
import type { KnownModules } from '../../terraform/module-tree.js';
import { compareVersions, parseVersion, satisfiesConstraint } from '../../terraform/semver.js';
import { AVM_AZAPI_FAMILIES, avmAzapiFiles } from './avm-managedcluster-azapi.js';
import { AVM_AZURERM_FAMILIES, AVM_RELEASES, avmAzurermFiles } from './avm-managedcluster.js';
import { DEV_FAMILIES, DEV_RELEASES, devFiles, ECONOMY_FAMILIES, ECONOMY_RELEASES, economyFiles } from './avm-ptn-aks-dev-economy.js';
import { PRODUCTION_FAMILIES, PRODUCTION_RELEASES, productionFiles } from './avm-ptn-aks-production.js';
import { LEGACY_FAMILIES, LEGACY_RELEASES, legacyAksFiles } from './azure-aks.js';

/** One registry module: its releases and the input map of each release family. */
interface KnownModule {
  address: string;
  releases: readonly string[];
  /** The families by first release, oldest first; a release reads the last family at or before it. */
  families: readonly { from: string; files?: () => Record<string, string> }[];
}

const MODULES: readonly KnownModule[] = [
  {
    address: 'Azure/aks/azurerm',
    releases: LEGACY_RELEASES,
    families: LEGACY_FAMILIES.map(({ from, family }) => ({ from, files: () => legacyAksFiles(family) })),
  },
  {
    address: 'Azure/avm-res-containerservice-managedcluster/azurerm',
    releases: AVM_RELEASES,
    families: [
      ...AVM_AZURERM_FAMILIES.map(({ from, family }) => ({ from, files: () => avmAzurermFiles(family) })),
      // 0.4.0 on: the cluster is an azapi_resource.
      ...AVM_AZAPI_FAMILIES.map(({ from, family }) => ({ from, files: () => avmAzapiFiles(family) })),
    ],
  },
  {
    address: 'Azure/avm-ptn-aks-production/azurerm',
    releases: PRODUCTION_RELEASES,
    // 0.1.0 has no network input: no family, so it stays opaque.
    families: PRODUCTION_FAMILIES.map(({ from, family }) => ({ from, files: () => productionFiles(family) })),
  },
  {
    address: 'Azure/avm-ptn-aks-dev/azurerm',
    releases: DEV_RELEASES,
    families: DEV_FAMILIES.map(({ from, family }) => ({ from, files: () => devFiles(family) })),
  },
  {
    address: 'Azure/avm-ptn-aks-economy/azurerm',
    releases: ECONOMY_RELEASES,
    families: ECONOMY_FAMILIES.map(({ from, family }) => ({ from, files: () => economyFiles(family) })),
  },
];

/** The newest release a constraint allows (none given: the newest), or undefined. */
export function selectRelease(releases: readonly string[], constraint: string | undefined): string | undefined {
  const sorted = [...releases].sort((a, b) => compareVersions(parseVersion(a)!, parseVersion(b)!));
  if (constraint === undefined || constraint.trim() === '') return sorted[sorted.length - 1];
  return sorted.reverse().find((release) => satisfiesConstraint(parseVersion(release)!, constraint) === true);
}

/** The known module a registry source names (any host, any case of the namespace), if any. */
function moduleOf(source: string): KnownModule | undefined {
  const parsed = parseModuleSource(source);
  if (parsed.kind !== 'registry' || parsed.subdir) return undefined;
  const address = `${parsed.namespace}/${parsed.name}/${parsed.provider}`.toLowerCase();
  return MODULES.find((m) => m.address.toLowerCase() === address);
}

/** Whether a `source` is a registry module aks-netlint reads without `terraform init`. */
export function isKnownModuleSource(source: string): boolean {
  return moduleOf(source) !== undefined;
}

/** The known modules, each release's input map parsed once per set of parsers. */
export function knownModules(parsers: Parsers): KnownModules {
  /** Every directory of every release built so far: the release's root and the local modules it calls. */
  const built = new Map<string, TfModule | undefined>();
  return {
    load(source, version) {
      const known = moduleOf(source);
      const release = known && selectRelease(known.releases, version);
      if (!known || !release) return undefined;
      const dir = builtinDir(known.address, release);
      if (!built.has(dir)) {
        const family = [...known.families].reverse().find((f) => compareVersions(parseVersion(f.from)!, parseVersion(release)!) <= 0);
        if (!family?.files) {
          built.set(dir, undefined);
        } else {
          // Files by directory: `main.tf` is the module, `modules/agentpool/main.tf` one it calls.
          const byDir = new Map<string, { uri: string; text: string }[]>();
          for (const [path, text] of Object.entries(family.files())) {
            const at = path.lastIndexOf('/');
            const fileDir = at < 0 ? dir : `${dir}/${path.slice(0, at)}`;
            byDir.set(fileDir, [...(byDir.get(fileDir) ?? []), { uri: `${dir}/${path}`, text }]);
          }
          for (const [fileDir, files] of byDir) built.set(fileDir, buildModule({ dir: fileDir, files }, parsers));
        }
      }
      const module = built.get(dir);
      return module && { dir, module };
    },
    loadDir: (dir) => built.get(dir),
  };
}
