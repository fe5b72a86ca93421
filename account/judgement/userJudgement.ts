/**
 * Users and groups judged as force-mfa-guard judges a stack's: the pack's graph, its MFA-status functions and its
 * group and lock-out policies decide; this file only sorts their findings into the audit's statuses.
 */
import { AuthorizationDetails } from "../inputs/authorizationDetails";
import { exemptionText, Exemptions } from "../inputs/exemptions";
import { PrincipalVerdict } from "../report/reportModel";
import {
    checkEnrollment,
    GroupEntry,
    GuardConfig,
    groupMfaStatus,
    groupViolations,
    IamGraph,
    isExempt,
    lockOutViolations,
    MfaDenyAnalyzer,
    MfaStatus,
    usable,
    UserEntry,
    userIdentityDocuments,
    userMfaStatus,
    Violation,
} from "../../policy-pack/evaluator";
import { escapeWitness, splitFix, undecidableDenies } from "./verdictText";

export interface JudgementInput {
    readonly details: AuthorizationDetails;
    readonly exemptions: Exemptions;
    readonly graph: IamGraph;
    readonly config: GuardConfig;
    readonly analyzer: MfaDenyAnalyzer;
}

function byUrn(violations: readonly Violation[]): Map<string, string[]> {
    const map = new Map<string, string[]>();
    for (const v of violations) {
        if (v.urn !== undefined) {
            map.set(v.urn, [...(map.get(v.urn) ?? []), v.message]);
        }
    }
    return map;
}

interface DetailsIndex {
    readonly users: ReadonlyMap<string, AuthorizationDetails["users"][number]>;
    readonly groups: ReadonlyMap<string, AuthorizationDetails["groups"][number]>;
    readonly policyArns: ReadonlySet<string>;
}

function indexOf(details: AuthorizationDetails): DetailsIndex {
    return {
        users: new Map(details.users.map((u) => [u.name.toLowerCase(), u])),
        groups: new Map(details.groups.map((g) => [g.name.toLowerCase(), g])),
        policyArns: new Set(details.policies.map((p) => p.arn)),
    };
}

const exemptionOf = (list: Exemptions["users"], name: string) => list.find((e) => e.name.toLowerCase() === name.toLowerCase());

/** What the authorization details lack for this user: groups and managed policies it names but the file omits. */
function inputGaps(index: DetailsIndex, user: AuthorizationDetails["users"][number]): { gaps: string[]; missingArns: string[] } {
    const { groups, policyArns: policies } = index;
    const gaps: string[] = [];
    const missingArns: string[] = [];
    const attachedOf = [...user.attached, ...user.groups.flatMap((g) => groups.get(g.toLowerCase())?.attached ?? [])];
    for (const name of user.groups.filter((g) => !groups.has(g.toLowerCase()))) {
        gaps.push(`group ${name} is not in the authorization details (GroupDetailList), so its policies are not known`);
    }
    for (const arn of [...attachedOf.map((a) => a.arn), ...(user.permissionsBoundaryArn ? [user.permissionsBoundaryArn] : [])]) {
        if (!policies.has(arn) && !missingArns.includes(arn)) {
            missingArns.push(arn);
            gaps.push(`managed policy ${arn} is attached but not in the authorization details (Policies), so its content is not known`);
        }
    }
    return { gaps, missingArns };
}

const USER_FIX = (name: string, group: string) =>
    `add ${name} to the group "${group}" (a \`pulumi up\` of the force-mfa stack enrolls every user of the account), ` +
    `or attach a policy that denies every action but enrollment with "Deny" + "NotAction" + "BoolIfExists": ` +
    `{"aws:MultiFactorAuthPresent": "false"}; if ${name} must act without MFA, exempt it with a reason.`;
const GAP_FIX = "produce the authorization details without --filter, so every group and managed policy is in the file, and audit again.";

function judgeUser(input: JudgementInput, index: DetailsIndex, user: UserEntry, lockOuts: Map<string, string[]>): PrincipalVerdict {
    const detail = index.users.get(user.name!.toLowerCase())!;
    const base = { type: "user" as const, name: detail.name, arn: detail.arn, path: detail.path, groups: [...detail.groups] };
    const exemption = exemptionOf(input.exemptions.users, detail.name);
    if (exemption && isExempt(input.config.exemptUsers, detail.name)) {
        return { ...base, status: "exempt", reason: exemptionText(exemption) };
    }
    const status: MfaStatus = userMfaStatus(user, input.analyzer);
    const sources = [...userIdentityDocuments(user), ...(user.boundary ? [user.boundary.source] : [])];
    const lockOut = lockOuts.get(user.urn!) ?? [];
    if (!status.result.enforced) {
        const { gaps, missingArns } = inputGaps(index, detail);
        const packGaps = status.unverifiable.filter((u) => !missingArns.some((arn) => u.includes(arn)));
        const unverifiable = [...gaps, ...packGaps, ...undecidableDenies(sources)];
        const escape = status.result.escape!;
        const where = escape.onSomeResources ? " on every resource" : "";
        const what = `no policy denies ${escape.action}${where} with ${escape.context.name}`;
        const notes = lockOut.map((m) => splitFix(m).reason);
        return {
            ...base,
            status: unverifiable.length > 0 ? "unverifiable" : "escapes",
            reason: unverifiable.length > 0 ? `could not verify that it is subject to the MFA deny (${what}): ${unverifiable.join("; ")}` : `${what}${escape.why.length + status.revoked.length > 0 ? `: ${[...escape.why, ...status.revoked].join("; ")}` : ""}`,
            witness: escapeWitness(status, sources),
            fix: unverifiable.length > 0 && gaps.length > 0 ? GAP_FIX : USER_FIX(detail.name, input.config.enforcedGroupName),
            ...(notes.length > 0 ? { notes } : {}),
        };
    }
    if (lockOut.length > 0) {
        const { reason, fix } = splitFix(lockOut[0]);
        const blocked = checkEnrollment({ name: detail.name, path: detail.path }, usable(userIdentityDocuments(user)), usable(user.boundary ? [user.boundary.source] : [])).blocked;
        return {
            ...base,
            status: "locked-out",
            reason,
            fix,
            ...(blocked ? { witness: { action: blocked.request.action, resource: blocked.request.resource, mfaContext: blocked.context, path: sources.map((s) => s.label), why: [blocked.reason] } } : {}),
            ...(lockOut.length > 1 ? { notes: lockOut.slice(1).map((m) => splitFix(m).reason) } : {}),
        };
    }
    return { ...base, status: "enforced", reason: `subject to the MFA deny through ${status.result.evidence.join(", ")}` };
}

function judgeGroup(input: JudgementInput, index: DetailsIndex, group: GroupEntry, findings: Map<string, string[]>, lockOuts: Map<string, string[]>): PrincipalVerdict {
    const detail = index.groups.get(group.name!.toLowerCase())!;
    const base = { type: "group" as const, name: detail.name, arn: detail.arn, path: detail.path };
    const own = groupMfaStatus(group, input.analyzer);
    const finding = findings.get(group.urn!);
    if (finding) {
        const { reason, fix } = splitFix(finding[0]);
        // The status the pack's message rests on: the group's own (the enforced group) or its first escaping member's.
        const member = [...group.members].find((m) => !isExempt(input.config.exemptUsers, m.name) && !userMfaStatus(m, input.analyzer).result.enforced);
        const isEnforcedGroup = group.displayName === input.config.enforcedGroupName && !own.result.enforced;
        const status = isEnforcedGroup || !member ? own : userMfaStatus(member, input.analyzer);
        const sources = isEnforcedGroup || !member ? group.ownDocuments("group") : userIdentityDocuments(member);
        const unverifiable = [...status.unverifiable, ...undecidableDenies(sources)];
        return { ...base, status: unverifiable.length > 0 ? "unverifiable" : "escapes", reason, fix, witness: escapeWitness(status, sources) };
    }
    const lockOut = lockOuts.get(group.urn!);
    if (lockOut) {
        const { reason, fix } = splitFix(lockOut[0]);
        return { ...base, status: "locked-out", reason, fix };
    }
    const reason = own.result.enforced
        ? `carries the MFA deny itself, through ${own.result.evidence.join(", ")}`
        : group.members.size === 0
          ? "has no members and does not act as an MFA deny that blocks enrollment"
          : "no member can act without MFA through it: each member it grants permissions to is subject to the MFA deny or exempt";
    return { ...base, status: "enforced", reason };
}

export interface UsersAndGroups {
    readonly verdicts: PrincipalVerdict[];
    /** The pack's findings on no principal: a managed policy that acts as the MFA deny but blocks enrollment, wherever attached. */
    readonly policyFindings: string[];
}

/** Every user and group of the authorization details, judged. */
export function judgeUsersAndGroups(input: JudgementInput): UsersAndGroups {
    const check = { graph: input.graph, config: input.config, analyzer: input.analyzer };
    const lockOuts = byUrn(lockOutViolations(check));
    const groupFindings = byUrn(groupViolations(check));
    const index = indexOf(input.details);
    const users = input.graph.users.filter((u) => u.inStack).map((u) => judgeUser(input, index, u, lockOuts));
    const groups = input.graph.groups.filter((g) => g.inStack).map((g) => judgeGroup(input, index, g, groupFindings, lockOuts));
    const principalUrns = new Set([...input.graph.users, ...input.graph.groups].map((e) => e.urn));
    const policyFindings = [...lockOuts].filter(([urn]) => !principalUrns.has(urn)).flatMap(([, messages]) => messages);
    return { verdicts: [...users, ...groups], policyFindings };
}
