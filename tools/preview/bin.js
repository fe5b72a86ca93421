#!/usr/bin/env node
// `npx force-mfa-preview`: the offline preview without npm's banner on stdout, so `--json` output is JSON alone.
const path = require("path");
require("ts-node").register({ transpileOnly: true, project: path.join(__dirname, "../../tsconfig.json") });
require("./cli.ts");
