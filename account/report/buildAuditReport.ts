/**
 * The account audit as a function of its inputs: every user, group and role judged with force-mfa-guard's evaluator,
 * the credential report's facts beside each user, the root user. No file, clock or network of its own: the CLI and
 * a Lambda both call it with what they read.
 */
import { AuditInputError } from "../inputs/auditInputError";
import { AuthorizationDetails } from "../inputs/authorizationDetails";
import { CredentialFacts, CredentialReport } from "../inputs/credentialReport";
import { exemptionText, Exemptions, NO_EXEMPTIONS } from "../inputs/exemptions";
import { activeExemptions, exemptionStatus, utcDate } from "../../policy-pack/evaluator";
import { RootCredentials } from "../inputs/rootCredentials";
import { VirtualMfaDevice } from "../inputs/virtualMfaDevices";
import { buildIamGraph, DEFAULT_ENFORCED_GROUP_NAME, mfaDenyAnalyzer, readGuardConfig, SensitiveActionGroupSettings, stackCheckInput } from "../../policy-pack/evaluator";
import { judgeRoles } from "../judgement/roleJudgement";
import { judgeRoot } from "../judgement/rootJudgement";
import { DEFAULT_SUSPENDED_GROUP_NAME } from "../judgement/suspension";
import { accountResources } from "../judgement/stackResources";
import { judgeUsersAndGroups } from "../judgement/userJudgement";
import { withSensitiveActionCoverage } from "../judgement/sensitiveActionCoverage";
import { AuditReport, AuditSummary, Credentials, emptyCounts, PRINCIPAL_TYPES, PrincipalVerdict, STATUSES } from "./reportModel";

export interface AuditInputs {
    readonly authorizationDetails: AuthorizationDetails;
    readonly credentialReport?: CredentialReport;
    readonly virtualMfaDevices?: readonly VirtualMfaDevice[];
    /** What a root session reports of root's credentials (centralized root access): password, keys, MFA devices. */
    readonly rootCredentials?: RootCredentials;
    readonly exemptions?: Exemptions;
    /** Names of the sources, for errors that involve two of them. */
    readonly sources?: { readonly authorizationDetails?: string; readonly credentialReport?: string };
}

export interface AuditOptions {
    /** The audit's time: `generatedAt` and days without MFA are counted from it (default: now). */
    readonly now?: Date;
    /** Default: the exemptions' (a stack config's) enforcedGroupName, else the pack's default `mfa-enforced`. */
    readonly enforcedGroupName?: string;
    /** The enrollment window's suspension group (default: mfa-suspended, the window's own default). */
    readonly suspendedGroupName?: string;
    /** The actions allowed without MFA so users can enroll (default: the pack's). */
    readonly enrollmentAllowList?: readonly string[];
    /** The sensitive-action groups each principal's coverage is reported against (default: the exemptions' stack's, else the pack's default set). */
    readonly sensitiveActionGroups?: Readonly<Record<string, SensitiveActionGroupSettings>>;
}

const DAY_MS = 86_400_000;

function credentials(facts: CredentialFacts, now: Date): Credentials {
    const days = facts.createdAt !== undefined && !facts.mfaActive ? Math.max(0, Math.floor((now.getTime() - Date.parse(facts.createdAt)) / DAY_MS)) : undefined;
    return {
        mfaActive: facts.mfaActive,
        ...(facts.passwordEnabled !== undefined ? { passwordEnabled: facts.passwordEnabled } : {}),
        ...(facts.passwordLastUsed ? { passwordLastUsed: facts.passwordLastUsed } : {}),
        accessKeysActive: facts.accessKeys.filter((k) => k.active).length,
        accessKeys: facts.accessKeys,
        ...(facts.createdAt ? { createdAt: facts.createdAt } : {}),
        ...(days !== undefined ? { daysWithoutMfa: days } : {}),
    };
}

export function summarize(principals: readonly PrincipalVerdict[], rootMfaActive?: boolean): AuditSummary {
    const byStatus = emptyCounts();
    const byType = Object.fromEntries(PRINCIPAL_TYPES.map((t) => [t, { total: 0, ...emptyCounts() }])) as Record<string, Record<string, number>>;
    for (const p of principals) {
        byStatus[p.status]++;
        byType[p.type][p.status]++;
        byType[p.type].total++;
    }
    return {
        principals: principals.length,
        byStatus,
        byType: byType as unknown as AuditSummary["byType"],
        ...(rootMfaActive !== undefined ? { rootMfaActive } : {}),
        sensitiveActionGaps: principals.filter((p) => (p.sensitiveActions?.gaps.length ?? 0) > 0).length,
    };
}

/** Exemptions past their expiresOn: not counted. */
function expiredExemptions(exemptions: Exemptions, today: string): string[] {
    return (["user", "role"] as const).flatMap((kind) =>
        (kind === "user" ? exemptions.users : exemptions.roles)
            .filter((e) => exemptionStatus(e, today) === "expired")
            .map((e) => `the exemption of ${kind} ${e.name} ("${exemptionText(e)}") expired on ${e.expiresOn}: it is not counted, and ${e.name} is judged like every ${kind}`),
    );
}

/** Exemptions that name no principal of the account: stale, or misspelt (and then exempting nobody). */
function unusedExemptions(details: AuthorizationDetails, exemptions: Exemptions): string[] {
    const found: string[] = [];
    for (const [kind, list, names] of [
        ["user", exemptions.users, details.users.map((u) => u.name)],
        ["role", exemptions.roles, details.roles.map((r) => r.name)],
    ] as const) {
        const known = new Set(names.map((n) => n.toLowerCase()));
        for (const e of list.filter((x) => !known.has(x.name.toLowerCase()))) {
            found.push(`the exemption of ${kind} ${e.name} ("${e.reason}") names no ${kind} of the account: remove it, or correct a misspelt name`);
        }
    }
    return found;
}

export async function buildAuditReport(inputs: AuditInputs, options: AuditOptions = {}): Promise<AuditReport> {
    const details = inputs.authorizationDetails;
    const report = inputs.credentialReport;
    const given = inputs.exemptions ?? NO_EXEMPTIONS;
    const now = options.now ?? new Date();
    // An expired exemption is no exemption: its principal is judged like every other, and the finding says so.
    const exemptions = { ...given, users: activeExemptions(given.users, utcDate(now)), roles: activeExemptions(given.roles, utcDate(now)) };
    if (report?.account && details.account && report.account !== details.account) {
        throw new AuditInputError(
            inputs.sources?.credentialReport ?? "credential report",
            "arn",
            `is of account ${report.account}, the authorization details (${inputs.sources?.authorizationDetails ?? "authorization details"}) of ${details.account}: audit one account at a time`,
        );
    }
    // The audit's day, not the clock's: a report of a past day judges exemptions as they stood then.
    const config = readGuardConfig(
        {
            enforcedGroupName: options.enforcedGroupName ?? exemptions.enforcedGroupName ?? DEFAULT_ENFORCED_GROUP_NAME,
            exemptUsers: exemptions.users,
            exemptRoles: exemptions.roles,
            ...(options.enrollmentAllowList ? { enrollmentAllowList: [...options.enrollmentAllowList] } : {}),
            ...((options.sensitiveActionGroups ?? exemptions.sensitiveActionGroups) ? { sensitiveActionGroups: options.sensitiveActionGroups ?? exemptions.sensitiveActionGroups } : {}),
        },
        utcDate(now),
    );
    const analyzer = await mfaDenyAnalyzer(config.enrollmentAllowList);
    const { resources, urnOf } = accountResources(details);
    const graph = buildIamGraph(resources);
    const roleResource = new Map(resources.map((r) => [r.urn, r]));
    const suspendedGroupName = options.suspendedGroupName ?? DEFAULT_SUSPENDED_GROUP_NAME;
    const usersAndGroups = judgeUsersAndGroups({ details, exemptions, graph, config, analyzer, suspendedGroupName });
    const judged = [
        ...usersAndGroups.verdicts,
        ...judgeRoles(details, exemptions, config, (role) => roleResource.get(urnOf("role", role.name))!),
    ];
    const covered = withSensitiveActionCoverage(judged, graph, stackCheckInput(graph, config, analyzer));
    const principals = covered.map((p) => {
        const facts = p.type === "user" ? report?.users.get(p.name.toLowerCase()) : undefined;
        return facts ? { ...p, credentials: credentials(facts, now) } : p;
    });
    if (report) {
        // A user the credential report knows but the authorization details do not (created in between): not judged, so not passed.
        const known = new Set(details.users.map((u) => u.name.toLowerCase()));
        for (const [name, facts] of report.users) {
            if (!known.has(name)) {
                principals.push({
                    type: "user",
                    name: facts.user,
                    arn: facts.arn,
                    status: "unverifiable",
                    reason: "in the credential report but not in the authorization details (created since?), so its policies are not known",
                    fix: "take the authorization details and the credential report at the same time, and audit again.",
                    credentials: credentials(facts, now),
                });
            }
        }
    }
    // Worst first, then users, groups, roles, then by name: what needs doing heads every listing.
    const order = (p: PrincipalVerdict) => PRINCIPAL_TYPES.indexOf(p.type);
    principals.sort((a, b) => STATUSES.indexOf(a.status) - STATUSES.indexOf(b.status) || order(a) - order(b) || a.name.localeCompare(b.name));
    const root = judgeRoot(report, inputs.virtualMfaDevices, details.account, inputs.rootCredentials);
    const findings = [...usersAndGroups.policyFindings, ...unusedExemptions(details, exemptions), ...expiredExemptions(given, utcDate(now))];
    return {
        ...(details.account ?? report?.account ? { account: details.account ?? report?.account } : {}),
        generatedAt: now.toISOString(),
        enforcedGroupName: config.enforcedGroupName,
        ...(report?.generatedAt ? { credentialReportGeneratedAt: report.generatedAt } : {}),
        principals,
        root,
        findings,
        summary: summarize(principals, root.mfaActive),
    };
}
