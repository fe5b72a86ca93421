/**
 * What Pulumi Cloud shows beside each policy (@pulumi/policy 1.x: `severity`, `remediationSteps`, `url`,
 * `framework`): the steps that make a principal pass, and a link to the policy's section of the pack README.
 * `framework` is set only where a policy checks what a published control asks.
 */
import { PolicyComplianceFramework, Severity } from "@pulumi/policy";
import * as fs from "fs";
import * as path from "path";
import manifest from "../package.json";

/**
 * The pack README as published: the `homepage` of the pack's package.json, one place (npm shows it too) that whoever
 * publishes the pack sets to where its README is served; each policy has a section named after it. Imported, so
 * the build (bin/package.json) and bundles that include the policies carry it.
 */
export function packReadmeUrl(homepage: unknown = manifest.homepage): string {
    if (typeof homepage !== "string" || !/^https:\/\/\S+$/.test(homepage)) {
        throw new Error('force-mfa-guard\'s package.json: "homepage" must be the https URL of the pack\'s README (policies link to its sections)');
    }
    return homepage.replace(/#.*$/, "");
}

export const PACK_README_URL = packReadmeUrl();

/** The pack's repository as npm records it (`git+https://…/x.git`), as the https address Pulumi Cloud links to. */
export function repositoryUrl(repository: unknown = manifest.repository): string | undefined {
    const url = typeof repository === "object" && repository !== null ? (repository as { url?: unknown }).url : repository;
    return typeof url === "string" ? url.replace(/^git\+/, "").replace(/\.git$/, "") : undefined;
}

/** The README beside PulumiPolicy.yaml: the pack's folder, whether this runs from the sources or from bin/. */
function packReadmePath(from = __dirname): string | undefined {
    for (let dir = from; dir !== path.dirname(dir); dir = path.dirname(dir)) {
        if (fs.existsSync(path.join(dir, "PulumiPolicy.yaml"))) {
            return path.join(dir, "README.md");
        }
    }
    return undefined;
}

/**
 * What Pulumi Cloud shows of the pack in a policy group (@pulumi/policy 1.21's PolicyPackArgs): its name, the cloud it
 * judges, tags, the repository, and the README the pack ships with it (read from the installed pack, beside bin/).
 */
export function packMetadata(readmePath = packReadmePath()): { displayName: string; provider: string; tags: string[]; repository?: string; readme?: string } {
    const readme = readmePath && fs.existsSync(readmePath) ? fs.readFileSync(readmePath, "utf8") : undefined;
    const repository = repositoryUrl();
    return {
        displayName: "force-mfa guard",
        provider: "aws",
        tags: ["aws", "iam", "mfa", "security"],
        ...(repository ? { repository } : {}),
        ...(readme ? { readme } : {}),
    };
}

export interface PolicyMetadata {
    readonly severity: Severity;
    readonly remediationSteps: string;
    readonly url: string;
    readonly framework?: PolicyComplianceFramework;
}

export function metadata(policyName: string, severity: Severity, remediationSteps: string, framework?: PolicyComplianceFramework): PolicyMetadata {
    return { severity, remediationSteps, url: `${PACK_README_URL}#${policyName}`, ...(framework ? { framework } : {}) };
}

/**
 * AWS Security Hub's Foundational Security Best Practices control IAM.19 "MFA should be enabled for all IAM users":
 * a user subject to the MFA deny can do nothing but enroll until it has MFA.
 */
export const FSBP_IAM_19: PolicyComplianceFramework = {
    name: "AWS Foundational Security Best Practices",
    version: "1.0.0",
    reference: "IAM.19",
    specification: "MFA should be enabled for all IAM users",
};
