#!/usr/bin/env node
// `npm run lifecycle`: the enrollment window's offline plan, run compiled (see tools/audit/bin/compiledCli.js).
require("../../audit/bin/compiledCli").runCompiledCli("tools/enrollmentWindow/cli.ts", "force-mfa-lifecycle");
