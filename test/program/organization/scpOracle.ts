/**
 * An independent IAM evaluator (@cloud-copilot/iam-simulate, a test-only oracle) deciding requests in a member
 * account of an organization: FullAWSAccess at every level as AWS attaches it, the policy under test at the root,
 * and an identity policy that allows everything, so whatever is denied is denied by the SCP.
 */
import { runSimulation } from "@cloud-copilot/iam-simulate";

export const MEMBER_ACCOUNT = "111122223333";
export type Outcome = "Allowed" | "ExplicitlyDenied" | "ImplicitlyDenied";

const ALLOW_ALL = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };
const FULL_AWS_ACCESS = { name: "FullAWSAccess", policy: ALLOW_ALL };

export interface ScpRequest {
    /** An IAM user or role ARN, an assumed-role session ARN, or the account's root. */
    readonly principal: string;
    readonly action: string;
    readonly resource?: string;
    /** undefined: the MFA keys are absent (long-term access keys); else the value of aws:MultiFactorAuthPresent. */
    readonly mfa?: "true" | "false";
    readonly principalTags?: Readonly<Record<string, string>>;
    /** aws:TagKeys of a tagging request. */
    readonly tagKeys?: readonly string[];
    /** aws:CurrentTime (ISO, UTC): when the request is made; the exemptions with an end are judged against it. */
    readonly currentTime?: string;
}

export const user = (name: string, path = "/") => `arn:aws:iam::${MEMBER_ACCOUNT}:user${path}${name}`;
export const role = (name: string) => `arn:aws:iam::${MEMBER_ACCOUNT}:role/${name}`;
export const roleSession = (roleName: string, session = "session") => `arn:aws:sts::${MEMBER_ACCOUNT}:assumed-role/${roleName}/${session}`;

/** aws:PrincipalArn as AWS sets it: a role session is known by its role's ARN. The simulator does not derive it. */
function principalArn(principal: string): string {
    const session = /^arn:aws:sts::(\d{12}):assumed-role\/([^/]+)\//.exec(principal);
    return session ? `arn:aws:iam::${session[1]}:role/${session[2]}` : principal;
}

export async function decideUnderScp(scp: object, request: ScpRequest): Promise<Outcome> {
    const context: Record<string, string | string[]> = { "aws:PrincipalArn": principalArn(request.principal) };
    if (request.mfa !== undefined) {
        context["aws:MultiFactorAuthPresent"] = request.mfa;
        if (request.mfa === "true") {
            context["aws:MultiFactorAuthAge"] = "60";
        }
    }
    for (const [key, value] of Object.entries(request.principalTags ?? {})) {
        context[`aws:PrincipalTag/${key}`] = value;
    }
    if (request.tagKeys) {
        context["aws:TagKeys"] = [...request.tagKeys];
    }
    if (request.currentTime) {
        context["aws:CurrentTime"] = request.currentTime;
    }
    const response = await runSimulation(
        {
            request: {
                principal: request.principal,
                action: request.action,
                resource: { resource: request.resource ?? "*", accountId: MEMBER_ACCOUNT },
                contextVariables: context,
            },
            identityPolicies: [{ name: "AllowAll", policy: ALLOW_ALL }],
            serviceControlPolicies: [
                { orgIdentifier: "r-a1b2", policies: [FULL_AWS_ACCESS, { name: "force-mfa", policy: scp }] },
                { orgIdentifier: MEMBER_ACCOUNT, policies: [FULL_AWS_ACCESS] },
            ],
            resourceControlPolicies: [],
        },
        {},
    );
    if (response.resultType === "error") {
        throw new Error(`simulator refused ${request.action}: ${JSON.stringify(response.errors)}`);
    }
    return response.overallResult as Outcome;
}
