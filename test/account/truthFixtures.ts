/**
 * The second audit fixture (test/fixtures/audit/truth): an account 210987654321 written the way AWS and the common
 * collectors write it — a role with `Path: ""`, a URL-encoded inline policy, a credential report saved by a
 * boto3-based collector (Content as CSV text) — with the cases an auditor must not be misled on: a user allowed
 * only iam:PutUserPolicy, a deny that covers access keys but not sessions, users with nothing allowed, a boundary,
 * a suspended user, Identity Center, service-linked and service-chain roles.
 */
import * as fs from "fs";
import * as path from "path";
import { parseAuthorizationDetails } from "../../account/inputs/authorizationDetails";
import { parseCredentialReport } from "../../account/inputs/credentialReport";

export const TRUTH = path.join(__dirname, "../fixtures/audit/truth");
export const TRUTH_ACCOUNT = "210987654321";

export const rawTruthDetails = () => JSON.parse(fs.readFileSync(path.join(TRUTH, "authorization-details.json"), "utf8"));
export const truthCredentialReport = () => fs.readFileSync(path.join(TRUTH, "credential-report.json"), "utf8");

export function truthInputs(details: unknown = rawTruthDetails()) {
    return {
        authorizationDetails: parseAuthorizationDetails(details, "authorization-details.json"),
        credentialReport: parseCredentialReport(truthCredentialReport(), "credential-report.json"),
    };
}

type Raw = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const decoded = (document: unknown): unknown => (typeof document === "string" ? JSON.parse(decodeURIComponent(document)) : document);

/** The raw documents that reach a user, as IAM applies them: its own and its groups' inline and attached (default versions). */
export function rawUserPolicies(details: Raw, userName: string): { identity: unknown[]; boundary?: unknown[] } {
    const managed = (arn: string) => {
        const policy = (details.Policies as Raw[]).find((p) => p.Arn === arn);
        if (!policy) {
            throw new Error(`no managed policy ${arn} in the fixture`);
        }
        return decoded((policy.PolicyVersionList as Raw[]).find((v) => v.IsDefaultVersion)!.Document);
    };
    const user = (details.UserDetailList as Raw[]).find((u) => u.UserName === userName)!;
    const identity: unknown[] = [
        ...((user.UserPolicyList ?? []) as Raw[]).map((p) => decoded(p.PolicyDocument)),
        ...((user.AttachedManagedPolicies ?? []) as Raw[]).map((p) => managed(p.PolicyArn)),
    ];
    for (const name of user.GroupList as string[]) {
        const group = (details.GroupDetailList as Raw[]).find((g) => g.GroupName === name)!;
        identity.push(...((group.GroupPolicyList ?? []) as Raw[]).map((p) => decoded(p.PolicyDocument)));
        identity.push(...((group.AttachedManagedPolicies ?? []) as Raw[]).map((p) => managed(p.PolicyArn)));
    }
    return { identity, ...(user.PermissionsBoundary ? { boundary: [managed(user.PermissionsBoundary.PermissionsBoundaryArn)] } : {}) };
}
