/**
 * The environment the language server and its hcl2json child are started with, shared by the
 * VS Code client (client/src/extension.ts) and the server (host/hcl2json-process.ts).
 *
 * NODE_EXTRA_CA_CERTS is left out: Node reads and parses every certificate in that file when the
 * process starts, whether it ever opens a TLS connection or not, and these processes never do.
 * Corporate machines often set it (a proxy's root certificate added to a full CA bundle); with
 * Debian's bundle of ~140 certificates it costs 420 million instructions, a start of 125 ms
 * instead of 80 ms for `node -e 0` on the benchmark machine (callgrind, `npm run bench`).
 */

/** Variables to remove; `undefined` removes one from a child's environment in child_process. */
export const UNNEEDED_ENVIRONMENT: Readonly<Record<string, undefined>> = { NODE_EXTRA_CA_CERTS: undefined };

/** `env` without the variables these processes do not need. */
export function withoutUnneededEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const result = { ...env };
  for (const key of Object.keys(UNNEEDED_ENVIRONMENT)) delete result[key];
  return result;
}
