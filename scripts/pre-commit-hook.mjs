#!/usr/bin/env node
// The pre-commit hook (.pre-commit-hooks.yaml): pre-commit passes the staged Terraform files; a
// finding depends on the whole module (a subnet in network.tf, a cluster in main.tf, a value in
// terraform.tfvars), so the hook checks the directory of each, once, with the aks-netlint on PATH.
// Arguments starting with "-" are the user's `args:` and go to the CLI as they are; options with a
// value take the `--var-file=prod.tfvars` form, so a value is never taken for a file.
// Exit code: the CLI's (1 on error findings, 2 when it cannot check).
import { spawnSync } from 'node:child_process';
import { dirname, sep } from 'node:path';

const args = process.argv.slice(2);
const options = args.filter((arg) => arg.startsWith('-'));
const directories = [...new Set(args.filter((arg) => !arg.startsWith('-')).map((file) => dirname(file)))]
  // A copy of a registry module that terraform init downloaded is not the user's to fix.
  .filter((dir) => !`${sep}${dir}${sep}`.includes(`${sep}.terraform${sep}`))
  .sort();
if (directories.length === 0) process.exit(0);

const run = spawnSync('aks-netlint', [...options, ...directories], { stdio: 'inherit' });
if (run.error) {
  const reason = run.error.code === 'ENOENT' ? 'aks-netlint is not on PATH: npm install -g aks-netlint' : run.error.message;
  console.error(`aks-netlint pre-commit hook: ${reason}`);
  process.exit(2);
}
process.exit(run.status ?? 2);
