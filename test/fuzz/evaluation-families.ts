/**
 * Generated modules that push the evaluator to its limits (issue 16): reference cycles, deep
 * nesting, long chains, doubling values, huge `count` / `for_each`. Each module holds one cluster
 * whose `network_policy` reads the pathological value, beside a `docker_bridge_cidr` that is an
 * error whatever that value is: the module must still report it.
 */

import type { Expr } from '../../server/src/engine/syntax/syntax-tree.js';

/** A module as file name -> text. */
export type ModuleFiles = Record<string, string>;

export interface Family {
  name: string;
  /** Sizes for the growth check, doubling. */
  sizes: number[];
  build(n: number): ModuleFiles;
}

const VERSIONS = `terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 4.0"
    }
  }
}
`;

/**
 * One cluster: `network_policy = <policy>` with the Cilium data plane (an error when the policy
 * is "calico"), and `docker_bridge_cidr`, an error in azurerm 4.x whatever else holds.
 */
export function clusterModule(policy: string, extra: ModuleFiles = {}, header = 'resource "azurerm_kubernetes_cluster" "aks" {'): ModuleFiles {
  return {
    'versions.tf': VERSIONS,
    'main.tf': `${header}
  name       = "aks"
  dns_prefix = "aks"

  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4ds_v5"
  }

  network_profile {
    network_plugin     = "azure"
    network_data_plane = "cilium"
    network_policy     = ${policy}
    docker_bridge_cidr = "172.17.0.1/16"
  }
}
`,
    ...extra,
  };
}

const repeat = (n: number, f: (i: number) => string, sep = ''): string => Array.from({ length: n }, (_, i) => f(i)).join(sep);

/** `open` n times, the core, `close` n times. */
const nest = (n: number, open: string, core: string, close: string): string => open.repeat(n) + core + close.repeat(n);

/**
 * The families of issue 16, by name. The `nested-*` and `tfvars-nested` sizes stay within what
 * the parser converted before issue 16 (about 900 levels of lists): DEEP_FAMILIES below take the
 * same shapes to 10,000 levels without the parser.
 */
export const FAMILIES: Family[] = [
  {
    // A variable whose default names itself: Terraform allows no reference in a default at all.
    name: 'variable-default-self',
    sizes: [1],
    build: () => clusterModule('var.a', { 'variables.tf': 'variable "a" {\n  default = var.a\n}\n' }),
  },
  {
    name: 'locals-ring',
    sizes: [1250, 2500, 5000, 10000],
    build: (n) => clusterModule('local.l0', { 'locals.tf': `locals {\n${repeat(n, (i) => `  l${i} = local.l${(i + 1) % n}\n`)}}\n` }),
  },
  {
    // Subnets that read each other's address_prefixes, in a ring.
    name: 'subnet-ring',
    sizes: [50, 100, 200, 400],
    build: (n) =>
      clusterModule('length(azurerm_subnet.s0.address_prefixes) == 1 ? "calico" : "azure"', {
        'network.tf': repeat(
          n,
          (i) => `resource "azurerm_subnet" "s${i}" {\n  name             = "s${i}"\n  address_prefixes = azurerm_subnet.s${(i + 1) % n}.address_prefixes\n}\n`,
        ),
      }),
  },
  {
    name: 'nested-lists',
    sizes: [60, 120, 240],
    build: (n) => clusterModule(`length(${nest(n, '[', '1', ']')}) == 1 ? "calico" : "azure"`),
  },
  {
    name: 'nested-objects',
    sizes: [30, 60, 120],
    build: (n) => clusterModule(`length(${nest(n, '{ a = ', '1', ' }')}) == 1 ? "calico" : "azure"`),
  },
  {
    name: 'nested-calls',
    sizes: [60, 120, 240],
    build: (n) => clusterModule(nest(n, 'lower(', '"CALICO"', ')')),
  },
  {
    // optional() defaults that build an object as deep as the type.
    name: 'nested-types',
    sizes: [20, 40, 80],
    build: (n) =>
      clusterModule('length(var.t) == 1 ? "calico" : "azure"', {
        'variables.tf': `variable "t" {\n  type    = ${nest(n, 'object({ a = optional(', 'object({})', ', {}) })')}\n  default = {}\n}\n`,
      }),
  },
  {
    name: 'nested-parentheses',
    sizes: [60, 120, 240],
    build: (n) => clusterModule(nest(n, '(', '"calico"', ')')),
  },
  {
    name: 'nested-operators',
    sizes: [60, 120, 240],
    build: (n) => clusterModule(`${repeat(n, () => '1 + ')}1 > 0 ? "calico" : "azure"`),
  },
  {
    name: 'nested-conditionals',
    sizes: [60, 120, 240],
    build: (n) => clusterModule(`${repeat(n, () => 'true ? ')}"calico"${repeat(n, () => ' : "azure"')}`),
  },
  {
    name: 'locals-chain',
    sizes: [2500, 5000, 10000, 20000],
    build: (n) => clusterModule(`local.l${n - 1}`, { 'locals.tf': `locals {\n  l0 = "calico"\n${repeat(n - 1, (i) => `  l${i + 1} = local.l${i}\n`)}}\n` }),
  },
  {
    name: 'concat-doubling',
    sizes: [40, 80, 160, 320],
    build: (n) =>
      clusterModule(`length(local.l${n}) > 0 ? "calico" : "azure"`, {
        'locals.tf': `locals {\n  l0 = ["calico"]\n${repeat(n, (i) => `  l${i + 1} = concat(local.l${i}, local.l${i})\n`)}}\n`,
      }),
  },
  {
    name: 'template-doubling',
    sizes: [40, 80, 160, 320],
    build: (n) =>
      clusterModule(`length(local.l${n}) > 0 ? "calico" : "azure"`, {
        'locals.tf': `locals {\n  l0 = "ab"\n${repeat(n, (i) => `  l${i + 1} = "\${local.l${i}}\${local.l${i}}"\n`)}}\n`,
      }),
  },
  {
    name: 'tfvars-nested',
    sizes: [60, 120, 240],
    build: (n) =>
      clusterModule('length(var.deep) == 1 ? "calico" : "azure"', {
        'variables.tf': 'variable "deep" {}\n',
        'terraform.tfvars': `deep = ${nest(n, '[', '1', ']')}\n`,
      }),
  },
  {
    name: 'for-each-clusters',
    sizes: [1250, 2500, 5000, 10000],
    build: (n) =>
      clusterModule('each.value', {
        'locals.tf': `locals {\n  clusters = {\n${repeat(n, (i) => `    c${i} = "calico"\n`)}  }\n}\n`,
      }, 'resource "azurerm_kubernetes_cluster" "aks" {\n  for_each = local.clusters'),
  },
  {
    // A for expression nested three times over one list: n^3 steps, stopped by the step budget.
    name: 'nested-for',
    sizes: [250, 500, 1000, 2000],
    build: (n) =>
      clusterModule('length(local.x) > 0 ? "calico" : "azure"', {
        'locals.tf': `locals {\n  l = [${repeat(n, () => '1', ', ')}]\n  x = [for a in local.l : join(",", [for b in local.l : length([for c in local.l : c])])]\n}\n`,
      }),
  },
  {
    // Each subnet reads the one before: a chain of resources, evaluated once per link.
    name: 'subnet-chain',
    sizes: [250, 500, 1000, 2000],
    build: (n) =>
      clusterModule(`length(azurerm_subnet.s${n - 1}.address_prefixes) == 1 ? "calico" : "azure"`, {
        'network.tf':
          'resource "azurerm_subnet" "s0" {\n  address_prefixes = ["10.0.0.0/24"]\n}\n' +
          repeat(n - 1, (i) => `resource "azurerm_subnet" "s${i + 1}" {\n  address_prefixes = azurerm_subnet.s${i}.address_prefixes\n}\n`),
      }),
  },
  {
    // Each subnet reads the one before twice: exponential unless each attribute is evaluated once.
    name: 'subnet-doubling',
    sizes: [40, 80, 160, 320],
    build: (n) =>
      clusterModule(`length(azurerm_subnet.s${n}.address_prefixes) > 0 ? "calico" : "azure"`, {
        'network.tf':
          'resource "azurerm_subnet" "s0" {\n  address_prefixes = ["10.0.0.0/24"]\n}\n' +
          repeat(n, (i) => `resource "azurerm_subnet" "s${i + 1}" {\n  address_prefixes = [azurerm_subnet.s${i}.address_prefixes[0], azurerm_subnet.s${i}.address_prefixes[0]]\n}\n`),
      }),
  },
  {
    name: 'count-huge',
    sizes: [1],
    build: () => clusterModule('"calico"', {}, 'resource "azurerm_kubernetes_cluster" "aks" {\n  count = 1000000000'),
  },
];

/** Where a deep family's expression goes: a file of the module and the placeholder literal it replaces. */
export const PLACEHOLDER = '@deep@';

/**
 * Families whose expressions nest deeper than the parser builds today: the module text holds
 * `"@deep@"` where `expression(n)` goes, so that evaluation is tested however deep the parser
 * goes (`nested-*` above are the same shapes written as text).
 */
export interface DeepFamily {
  name: string;
  sizes: number[];
  files: ModuleFiles;
  expression(n: number): Expr;
}

const R = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
const lit = (value: string | number | boolean): Expr => ({ kind: 'literal', value, range: R });
const call = (name: string, ...args: Expr[]): Expr => ({ kind: 'call', name, args, expandFinal: false, range: R });

/** `wrap` applied n times around `core`, without recursion. */
export function wrapTimes(n: number, core: Expr, wrap: (inner: Expr) => Expr): Expr {
  let expr = core;
  for (let i = 0; i < n; i++) expr = wrap(expr);
  return expr;
}

const DEEP_SIZES = [1250, 2500, 5000, 10000];
const calico = (body: Expr): Expr => ({ kind: 'conditional', condition: { kind: 'binary', operator: '==', left: call('length', body), right: lit(1), range: R }, then: lit('calico'), otherwise: lit('azure'), range: R });

export const DEEP_FAMILIES: DeepFamily[] = [
  { name: 'deep-lists', sizes: DEEP_SIZES, files: clusterModule(`"${PLACEHOLDER}"`), expression: (n) => calico(wrapTimes(n, lit(1), (e) => ({ kind: 'tuple', items: [e], range: R }))) },
  {
    name: 'deep-objects',
    sizes: DEEP_SIZES,
    files: clusterModule(`"${PLACEHOLDER}"`),
    expression: (n) => calico(wrapTimes(n, lit(1), (e) => ({ kind: 'object', items: [{ key: lit('a'), value: e, range: R }], range: R }))),
  },
  { name: 'deep-calls', sizes: DEEP_SIZES, files: clusterModule(`"${PLACEHOLDER}"`), expression: (n) => wrapTimes(n, lit('CALICO'), (e) => call('lower', e)) },
  {
    name: 'deep-operators',
    sizes: DEEP_SIZES,
    files: clusterModule(`"${PLACEHOLDER}"`),
    expression: (n) => ({ kind: 'conditional', condition: wrapTimes(n, lit(1), (e) => ({ kind: 'binary', operator: '+', left: e, right: lit(1), range: R })), then: lit('calico'), otherwise: lit('azure'), range: R }),
  },
  {
    name: 'deep-conditionals',
    sizes: DEEP_SIZES,
    files: clusterModule(`"${PLACEHOLDER}"`),
    expression: (n) => wrapTimes(n, lit('calico'), (e) => ({ kind: 'conditional', condition: lit(true), then: e, otherwise: lit('azure'), range: R })),
  },
  {
    name: 'deep-types',
    sizes: DEEP_SIZES,
    files: clusterModule('length(var.t) == 1 ? "calico" : "azure"', { 'variables.tf': `variable "t" {\n  type    = "${PLACEHOLDER}"\n  default = {}\n}\n` }),
    expression: (n) =>
      wrapTimes(n, call('object', { kind: 'object', items: [], range: R }), (e) =>
        call('object', { kind: 'object', range: R, items: [{ key: lit('a'), range: R, value: call('optional', e, { kind: 'object', items: [], range: R }) }] }),
      ),
  },
  {
    name: 'deep-tfvars',
    sizes: DEEP_SIZES,
    files: clusterModule('length(var.deep) == 1 ? "calico" : "azure"', { 'variables.tf': 'variable "deep" {}\n', 'terraform.tfvars': `deep = "${PLACEHOLDER}"\n` }),
    expression: (n) => wrapTimes(n, lit(1), (e) => ({ kind: 'tuple', items: [e], range: R })),
  },
];
