/** Every file check, sorted by id. The meta test checks this list against the files and docs/rules/. */
import type { FileCheck } from './define-file-check.js';
import fileNotAnalysed from './file-not-analysed.js';
import fileNotText from './file-not-text.js';
import fileTooLarge from './file-too-large.js';
import hclSyntax from './hcl-syntax.js';
import moduleNotRead from './module-not-read.js';
import providerVersionAssumed from './provider-version-assumed.js';
import suppressionExpired from './suppression-expired.js';
import suppressionRequiresReason from './suppression-requires-reason.js';
import suppressionUnknownRule from './suppression-unknown-rule.js';

export const FILE_CHECKS: readonly FileCheck[] = [
  fileNotAnalysed as FileCheck,
  fileNotText as FileCheck,
  fileTooLarge as FileCheck,
  hclSyntax as FileCheck,
  moduleNotRead as FileCheck,
  providerVersionAssumed as FileCheck,
  suppressionExpired as FileCheck,
  suppressionRequiresReason as FileCheck,
  suppressionUnknownRule as FileCheck,
];
