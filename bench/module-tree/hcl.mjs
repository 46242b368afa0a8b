// HCL blocks the module-tree generator writes often: variable, output, module call, object types.
import { attrs, block, raw } from '../generate-tree.mjs';

/** `object({ ... })` type text, one attribute a line, closing at `ind`. */
export function objType(fields, ind = '  ') {
  const width = Math.max(...Object.keys(fields).map((k) => k.length));
  return `object({\n${Object.entries(fields)
    .map(([k, t]) => `${ind}  ${k.padEnd(width)} = ${t}`)
    .join('\n')}\n${ind}})`;
}

/** A `variable` block; `type` is HCL text, `default: undefined` makes it required. */
export function variable(name, { type, description, default: def, nullable, sensitive, validation }) {
  const pairs = [
    ['type', raw(type)],
    ['default', def],
    ['description', description],
    ['nullable', nullable],
    ['sensitive', sensitive],
  ];
  const parts = (validation ?? []).map(([condition, message]) =>
    block('  ', 'validation', [
      ['condition', raw(condition)],
      ['error_message', message],
    ]),
  );
  return block('', `variable "${name}"`, pairs, ...parts);
}

export function output(name, description, value, sensitive) {
  return block('', `output "${name}"`, [
    ['description', description],
    ['value', raw(value)],
    ['sensitive', sensitive ? true : undefined],
  ]);
}

/** A module call: meta-arguments first, then the arguments (blank-line separated groups). */
export function moduleCall(name, source, meta, ...groups) {
  return block('', `module "${name}"`, [['source', source], ...meta], ...groups.map((g) => attrs('  ', g)));
}
