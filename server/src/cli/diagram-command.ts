/**
 * `aks-netlint diagram <path> [--cluster <name-or-address>] [--format mermaid|markdown] [--plan f]
 * [--baseline <ref>]`: prints the packet-flow diagram of one cluster of one module, or of a plan
 * (with the module it was made from when a path is given); with a baseline (a git ref, or the
 * plan's prior state), what the change alters is marked. The path is a module directory or a file in it (not searched
 * recursively: a diagram is of one cluster). Bad usage is a UsageError (exit 2).
 */
import { statSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { knownString, type AksCluster, type AksModel } from '../engine/aks/model.js';
import { analyzeModule } from '../engine/analyze/analyze-module.js';
import { analyzePlan, type PlanConfiguration } from '../engine/analyze/analyze-plan.js';
import { readPlanFile } from '../host/read-plan-file.js';
import { readGitBaseline, resolveGitBaseline } from '../host/git-baseline.js';
import type { Baseline } from '../engine/aks/prior-settings.js';
import type { Parsers } from '../engine/syntax/parse-file.js';
import { buildPacketFlow } from '../engine/features/packet-flow/build-packet-flow.js';
import { buildWalkthrough } from '../engine/features/packet-flow/build-walkthroughs.js';
import { renderMarkdown, renderWalkthroughsMarkdown } from '../engine/features/packet-flow/render-markdown.js';
import { renderWalkthrough } from '../engine/features/packet-flow/render-walkthrough.js';
import { JOURNEYS, VIEWS, type Journey, type View } from '../engine/features/packet-flow/walkthrough.js';
import { renderMermaid } from '../engine/features/packet-flow/render-mermaid.js';
import { findConfigFile, loadConfig } from '../host/load-config.js';
import { loadParsers } from '../host/load-parsers.js';
import { configVarFileProblem, moduleInputs, userVarFileProblem } from '../host/module-inputs.js';
import { describeIoError, isModuleDir, readModule } from '../host/read-module.js';
import { DiskModuleLoader, ParseCache, treeInputFor } from '../host/module-tree-host.js';
import { UsageError } from './parse-args.js';
import type { CliIo } from './cli-io.js';

export const DIAGRAM_USAGE = `Usage: aks-netlint diagram [path] [options]

Prints how packets flow through one AKS cluster (ingress, nodes, pods, data plane, policy,
egress) as Mermaid or markdown. The path is a module directory or a file in it; default ".".

Options:
  --cluster <name>          the cluster, when the module has several: its address
                            (azurerm_kubernetes_cluster.aks["prod"]), resource name (aks)
                            or name attribute
  --format mermaid|markdown output format (default: mermaid)
  --view <view>             overview (default), ingress, service, pod-to-pod, egress: a
                            journey's numbered steps with example addresses computed from
                            the configuration; all: every view (Mermaid: one after another,
                            each after a %% view: comment)
  --var-file <file>         a Terraform var file, as terraform -var-file (repeatable)
  --var <name=value>        a variable value, as terraform -var (repeatable)
  --plan <plan.json>        draw a cluster as a terraform show -json plan will apply it; the
                            path, when given, is the root module the plan was made from; what
                            the plan changes is marked
  --baseline <ref>          mark what changed since a git ref of the module's repository
                            (HEAD, origin/main, a tag or a commit), read without running git
  --color / --no-color      accepted, as by the check; the diagram has no colour
  -h, --help                show this help

Exit codes: 0 printed, 2 usage error, unreadable input, or no such cluster.
`;

export interface DiagramOptions {
  path: string;
  /** Whether the path was given (with --plan, the plan alone is drawn without one). */
  pathGiven: boolean;
  plan?: string;
  /** A git ref to compare with. */
  baseline?: string;
  cluster?: string;
  format: 'mermaid' | 'markdown';
  view: View | 'all';
  varFiles: string[];
  vars: { name: string; value: string }[];
  help: boolean;
}

/** Parses the arguments after `diagram`. */
export function parseDiagramArgs(argv: string[]): DiagramOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        cluster: { type: 'string' },
        format: { type: 'string', short: 'f' },
        view: { type: 'string' },
        'var-file': { type: 'string', multiple: true },
        var: { type: 'string', multiple: true },
        plan: { type: 'string' },
        baseline: { type: 'string' },
        debug: { type: 'boolean' },
        // Mermaid has no colour; accepted so that a script passing them to every command works.
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError(((error as Error).message.split('\n')[0] ?? 'invalid arguments').replace(/\. To specify.*$/, ''));
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) throw new UsageError(`diagram takes one path, not ${positionals.length}`);
  const format = values.format ?? 'mermaid';
  if (format !== 'mermaid' && format !== 'markdown') throw new UsageError(`unknown format '${format}' (expected mermaid or markdown)`);
  const view = values.view ?? 'overview';
  if (view !== 'all' && !(VIEWS as readonly string[]).includes(view)) throw new UsageError(`unknown view '${view}' (expected ${VIEWS.join(', ')} or all)`);
  const vars = (values.var ?? []).map((assignment) => {
    const eq = assignment.indexOf('=');
    if (eq <= 0) throw new UsageError(`--var '${assignment}' must be name=value`);
    return { name: assignment.slice(0, eq), value: assignment.slice(eq + 1) };
  });
  return {
    path: positionals[0] ?? '.',
    pathGiven: positionals[0] !== undefined,
    ...(values.plan !== undefined ? { plan: values.plan } : {}),
    ...(values.baseline !== undefined ? { baseline: values.baseline } : {}),
    cluster: values.cluster,
    format,
    view: view as View | 'all',
    varFiles: values['var-file'] ?? [],
    vars,
    help: values.help ?? false,
  };
}

/** The module directory a path names: the directory itself, or the directory of a Terraform file. */
function moduleDirOf(path: string, cwd: string): string {
  const absolute = resolve(cwd, path);
  let isDirectory: boolean;
  try {
    isDirectory = statSync(absolute).isDirectory();
  } catch (error) {
    throw new UsageError(`cannot read '${path}': ${describeIoError(error)}`);
  }
  if (!isDirectory && !/\.(tf|tf\.json|tfvars|tfvars\.json)$/.test(absolute)) throw new UsageError(`'${path}' is not a Terraform file (.tf, .tf.json, .tfvars)`);
  const dir = isDirectory ? absolute : dirname(absolute);
  if (!isModuleDir(dir)) throw new UsageError(`no Terraform files (.tf, .tf.json) in '${path}'`);
  return dir;
}

/** The cluster the user means: the only one, or the one whose address, resource name or name matches. */
function chooseCluster(model: AksModel, query: string | undefined, path: string): AksCluster {
  const { clusters } = model;
  const addresses = clusters.map((c) => c.address).join(', ');
  if (clusters.length === 0) throw new UsageError(`no AKS cluster (azurerm_kubernetes_cluster or azapi managedClusters) in '${path}'`);
  if (query === undefined) {
    if (clusters.length === 1) return clusters[0];
    throw new UsageError(`${clusters.length} clusters in '${path}', choose one with --cluster: ${addresses}`);
  }
  const exact = clusters.filter((c) => c.address === query);
  const matches = exact.length > 0 ? exact : clusters.filter((c) => c.label === query || c.address.split('[')[0] === query || knownString(c.name.value) === query);
  if (matches.length === 1) return matches[0];
  if (matches.length === 0) throw new UsageError(`no cluster '${query}' in '${path}' (clusters: ${addresses})`);
  throw new UsageError(`'${query}' names ${matches.length} clusters in '${path}', give the address: ${matches.map((c) => c.address).join(', ')}`);
}

/** The module at a git ref; a ref that names nothing is a usage error (the user asked to compare with it). */
async function gitBaselineOf(dir: string, ref: string, inputs: ReturnType<typeof moduleInputs>, parsers: Parsers, dataDir: string | undefined): Promise<Baseline> {
  const at = await resolveGitBaseline(dir, ref);
  if ('unavailable' in at) throw new UsageError(`no baseline: ${at.unavailable}`);
  const read = await readGitBaseline(at, { dir, varFiles: inputs.varFiles, cliVars: inputs.cliVars, envVars: inputs.envVars }, parsers, { dataDir: dataDir || undefined });
  if ('unavailable' in read) throw new UsageError(`no baseline: ${read.unavailable}`);
  return read;
}

/** Runs `aks-netlint diagram ...`; returns the exit code, or throws a UsageError. */
export async function runDiagram(argv: string[], io: CliIo): Promise<number> {
  const options = parseDiagramArgs(argv);
  if (options.help) {
    io.stdout(DIAGRAM_USAGE);
    return 0;
  }
  const dir = options.plan !== undefined && !options.pathGiven ? undefined : moduleDirOf(options.path, io.cwd);
  const varFiles = options.varFiles.map((f) => resolve(io.cwd, f));
  const varFileProblem = userVarFileProblem(varFiles, options.varFiles);
  if (varFileProblem) throw new UsageError(varFileProblem);
  const parsers = await loadParsers();
  let configuration: PlanConfiguration | undefined;
  let baseline: Baseline | undefined;
  if (options.baseline !== undefined && dir === undefined) throw new UsageError('--baseline compares a module with a git ref: give the module path too');
  if (dir !== undefined) {
    // The nearest config file's var files apply, as they do to `aks-netlint <path>`.
    const configPath = findConfigFile(dir);
    const config = configPath ? loadConfig(configPath) : undefined;
    const problem = configVarFileProblem(config);
    if (problem) throw new UsageError(problem);
    const inputs = moduleInputs(config, { varFiles, vars: options.vars, env: io.env });
    // The clusters of the modules the directory calls are its clusters too (module-tree.ts).
    const loader = new DiskModuleLoader(new ParseCache(parsers));
    configuration = { input: readModule(dir, inputs.varFiles, inputs.cliVars, inputs.envVars), tree: treeInputFor(dir, loader, io.env) };
    if (options.baseline !== undefined) baseline = await gitBaselineOf(dir, options.baseline, inputs, parsers, io.env.TF_DATA_DIR);
  }
  let model: AksModel;
  if (options.plan !== undefined) {
    const plan = readPlanFile(resolve(io.cwd, options.plan), options.plan);
    if ('problem' in plan) throw new UsageError(plan.problem);
    // The plan's prior state is the baseline when it has one; it is authoritative.
    model = analyzePlan(plan, parsers, baseline ? { baseline } : {}, configuration).model;
  } else {
    model = analyzeModule(configuration!.input, parsers, baseline ? { baseline } : {}, undefined, undefined, configuration!.tree).model;
  }
  const where = options.plan !== undefined && dir === undefined ? options.plan : options.path;
  const cluster = chooseCluster(model, options.cluster, where);
  const graph = buildPacketFlow(cluster, model);
  const displayName = (uri: string) => relative(io.cwd, uri).split(sep).join('/') || uri;
  const journeys: Journey[] = options.view === 'all' ? [...JOURNEYS] : options.view === 'overview' ? [] : [options.view];
  const walks = journeys.map((j) => buildWalkthrough(cluster, j, graph.title));
  const overview = options.view === 'all' || options.view === 'overview';
  if (options.format === 'markdown') {
    const parts = [...(overview ? [renderMarkdown(graph, { displayName })] : []), ...(walks.length > 0 ? [renderWalkthroughsMarkdown(graph, walks, { displayName })] : [])];
    io.stdout(parts.join('\n'));
  } else if (options.view === 'all') {
    io.stdout([`%% view: overview\n${renderMermaid(graph)}`, ...walks.map((w) => `%% view: ${w.journey}\n${renderWalkthrough(w)}`)].join('\n'));
  } else {
    io.stdout(overview ? renderMermaid(graph) : renderWalkthrough(walks[0]!));
  }
  return 0;
}
