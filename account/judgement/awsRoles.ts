/**
 * Roles as AWS uses them. An MFA condition belongs in a trust that a person's session reaches: an IAM user, a role
 * people assume, a whole account. Sessions of AWS services, of identity providers (SAML, OIDC) and of IAM Identity
 * Center never carry aws:MultiFactorAuthPresent — MFA happens where the person signs in, or nowhere — so a role
 * that only they can assume is reported for what it is, and no fix ever tells it to require MFA (that would lock
 * out everyone who uses it). A role that only another role assumes, itself assumable only by a service (StackSets
 * execution, Quick Setup), is part of that service's chain and is judged the same way.
 */
import { IamRole } from "../inputs/authorizationDetails";
import { documentSource, PolicyDocument } from "../../policy-pack/evaluator";

export type RoleKind = "identity-center" | "service-linked" | "service-chain" | "service" | "federated" | "iam";

export interface RoleClass {
    readonly kind: RoleKind;
    /** Why MFA cannot be required in its trust (kinds other than `iam`). */
    readonly reason?: string;
    /** A service chain whose trust admits a whole account: the fix that narrows it instead of requiring MFA. */
    readonly chainFix?: string;
}

type Principals = { readonly aws: string[]; readonly service: string[]; readonly federated: string[]; readonly other: boolean };

function principalsOf(document: PolicyDocument): Principals {
    const found: Principals = { aws: [], service: [], federated: [], other: false };
    for (const s of document.statements) {
        if (s.effect !== "Allow") {
            continue;
        }
        if (s.notPrincipal !== undefined || s.principal === "*" || s.principal === undefined) {
            (found as { other: boolean }).other = true;
            continue;
        }
        for (const [type, ids] of s.principal) {
            const list = type.toLowerCase() === "aws" ? found.aws : type.toLowerCase() === "service" ? found.service : type.toLowerCase() === "federated" ? found.federated : undefined;
            if (list) {
                list.push(...ids);
            } else {
                (found as { other: boolean }).other = true;
            }
        }
    }
    return found;
}

/** Documented service chains: the execution role's name, the role that assumes it, and the service behind that. */
const CHAINS: readonly { readonly role: RegExp; readonly administrator: RegExp; readonly administratorName: string; readonly service: string; readonly what: string }[] = [
    {
        role: /^AWSCloudFormationStackSetExecutionRole$|^stacksets-exec-/,
        administrator: /:role\/(.*\/)?AWSCloudFormationStackSetAdministrationRole$/,
        administratorName: "AWSCloudFormationStackSetAdministrationRole",
        service: "cloudformation.amazonaws.com",
        what: "CloudFormation StackSets (self-managed permissions)",
    },
    {
        role: /^AWS-QuickSetup-.*ExecutionRole/,
        administrator: /:role\/(.*\/)?AWS-QuickSetup-.*AdministrationRole/,
        administratorName: "AWS-QuickSetup-StackSet-Local-AdministrationRole",
        service: "cloudformation.amazonaws.com",
        what: "Systems Manager Quick Setup",
    },
    { role: /^AWSControlTowerExecution$/, administrator: /:role\/(.*\/)?AWSControlTower(Admin|StackSetRole)$/, administratorName: "AWSControlTowerStackSetRole", service: "controltower.amazonaws.com", what: "AWS Control Tower" },
];

const ACCOUNT_ROOT = /^(?:arn:[\w-]+:iam::(\d{12}):root|(\d{12}))$/;

/** What the role is, from its path, name and trust; `rolesByArn` finds the administrator role of a chain in the export. */
export function classifyRole(role: IamRole, rolesByArn: ReadonlyMap<string, IamRole>): RoleClass {
    if (role.serviceLinked) {
        const service = /^\/aws-service-role\/([^/]+)\//.exec(role.path)?.[1] ?? "its AWS service";
        return {
            kind: "service-linked",
            reason: `service-linked role of ${service}: only that service assumes it and AWS owns its trust and policies (the account cannot edit them); service sessions carry no MFA`,
        };
    }
    const trust = documentSource("trust", role.trust, "trust").document;
    if (!trust) {
        return { kind: "iam" };
    }
    const p = principalsOf(trust);
    if (p.other) {
        return { kind: "iam" };
    }
    if (p.aws.length === 0 && p.service.length === 0 && p.federated.length > 0 && p.federated.every((f) => /:saml-provider\/AWSSSO_[0-9a-f]+_DO_NOT_DELETE$/i.test(f)) && role.name.startsWith("AWSReservedSSO_")) {
        return {
            kind: "identity-center",
            reason:
                "IAM Identity Center permission-set role: AWS creates and manages it, and only Identity Center sign-ins (SAML) assume it. " +
                "Those sessions carry no aws:MultiFactorAuthPresent, so an MFA condition here would lock out every user of the permission set; " +
                "MFA is required in Identity Center's authentication settings (verify them there)",
        };
    }
    if (p.aws.length === 0 && p.federated.length === 0 && p.service.length > 0) {
        return { kind: "service", reason: `only AWS services assume it (${[...new Set(p.service)].join(", ")}); service sessions carry no MFA` };
    }
    if (p.aws.length === 0 && p.federated.length > 0) {
        return {
            kind: "federated",
            reason: `only identity providers' sessions assume it (${[...new Set(p.federated)].join(", ")}), which carry no aws:MultiFactorAuthPresent; MFA is the identity provider's to require`,
        };
    }
    if (p.federated.length > 0 || p.service.length > 0 || p.aws.length === 0) {
        return { kind: "iam" };
    }
    const chain = CHAINS.find((c) => c.role.test(role.name));
    if (!chain) {
        return { kind: "iam" };
    }
    const administrators = p.aws.every((a) => chain.administrator.test(a));
    if (administrators) {
        const known = p.aws.map((a) => rolesByArn.get(a)).filter((r): r is IamRole => r !== undefined);
        const serviceOnly = known.every((r) => classifyRole(r, rolesByArn).kind === "service");
        if (serviceOnly) {
            return {
                kind: "service-chain",
                reason:
                    `execution role of ${chain.what}: only ${p.aws.join(", ")} assumes it, a role that only ${chain.service} assumes` +
                    `${known.length < p.aws.length ? " (as AWS sets it up; that role is not in this export)" : ""}; ` +
                    "the chain starts in a service session, which carries no MFA, so an MFA condition here would break it",
            };
        }
    }
    const roots = p.aws.filter((a) => ACCOUNT_ROOT.test(a));
    if (roots.length === p.aws.length) {
        const account = roots.map((r) => ACCOUNT_ROOT.exec(r)!.slice(1).find(Boolean)).join(", ");
        return {
            kind: "service-chain",
            reason: `execution role of ${chain.what}, which trusts every principal of account ${account}: any of them that may call sts:AssumeRole gets in without MFA`,
            chainFix:
                `narrow its trust to the administration role ${chain.what} uses (arn:aws:iam::${account.split(", ")[0]}:role/${chain.administratorName}), ` +
                `or let the service manage it (service-managed permissions); do not add an MFA condition: ${chain.what} sessions carry no MFA and it would stop working.`,
        };
    }
    return { kind: "iam" };
}
