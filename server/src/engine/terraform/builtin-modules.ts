/**
 * The URIs of the code aks-netlint holds for registry modules that are not installed
 * (engine/aks/registry-modules): `aks-netlint-builtin:/Azure/aks/azurerm/11.5.0/main.tf`. No
 * editor opens them and their lines mean nothing to the user, so messages name the module and
 * release instead, and findings there move to the module call.
 */

export const BUILTIN_SCHEME = 'aks-netlint-builtin:';

/** The directory of a module release's input map. */
export function builtinDir(address: string, release: string): string {
  return `${BUILTIN_SCHEME}/${address}/${release}`;
}

/** Whether a URI or path is one of those files. */
export function isBuiltinUri(uri: string): boolean {
  return uri.startsWith(BUILTIN_SCHEME);
}

/** `Azure/aks/azurerm 11.5.0` for a file or directory of a module release's input map. */
export function builtinModuleName(uri: string): string {
  const [namespace, name, provider, release] = uri.slice(BUILTIN_SCHEME.length + 1).split('/');
  return `${namespace}/${name}/${provider} ${release}`;
}
