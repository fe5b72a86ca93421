#!/usr/bin/env node
// The force-mfa-audit command: runs the TypeScript CLI through ts-node, as `npm start` runs the offline preview.
require("ts-node").register({ transpileOnly: true, project: require("path").join(__dirname, "../../../tsconfig.json") });
require("../cli.ts").main();
