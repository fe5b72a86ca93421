#!/usr/bin/env node
// The force-mfa-audit command (and `npm run audit`): the TypeScript CLI, run compiled (see compiledCli.js).
require("./compiledCli").runCompiledCli("tools/audit/cli.ts", "force-mfa-audit");
