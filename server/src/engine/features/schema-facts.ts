/**
 * The facts of a network attribute as markdown list lines, the same in hover and in completion
 * documentation: allowed values, default, and what a change does to the cluster.
 */
import type { AttributeSchema } from '../aks/schema/network-schema.js';

/** `- Allowed values: ...`, `- Default: ...`, `- Changing it: ...` (a list keeps each on its line). */
export function schemaFacts(schema: AttributeSchema, options: { noteExactCase?: boolean } = {}): string[] {
  const out: string[] = [];
  if (schema.allowed) out.push(`Allowed values: ${schema.allowed.map((v) => `\`${v}\``).join(' · ')}${options.noteExactCase ? ' (exact case)' : ''}`);
  if (schema.schemaDefault !== undefined) out.push(`Default: \`${String(schema.schemaDefault)}\``);
  else if (schema.apiDefault) out.push(`Default: none in the provider; AKS chooses ${schema.apiDefault}`);
  out.push(`Changing it: ${schema.onChange}`);
  return out.map((line) => `- ${line}`);
}
