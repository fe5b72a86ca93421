/**
 * Users and groups judged as force-mfa-guard judges a stack's: the pack's graph, its MFA-status functions and its
 * group and lock-out policies decide; this file only sorts their findings into the audit's statuses.
 */
import { AuthorizationDetails } from "../inputs/authorizationDetails";
import { exemptionText, Exemptions } from "../inputs/exemptions";
import { PrincipalVerdict } from "../report/reportModel";
import {
    checkEnrollment,
    findAllowedRequest,
    GroupEntry,
    GuardConfig,
    groupMfaStatus,
    groupViolations,
    IamGraph,
    isExempt,
    lockOutViolations,
    MfaDenyAnalyzer,
    MfaStatus,
    stackCheckInput,
    usable,
    UserEntry,
    userIdentityDocuments,
    userMfaStatus,
    Violation,
} from "../../policy-pack/evaluator";
import { suspensionOf, SUSPENDED_FIX } from "./suspension";
import { allowedWitness, escapeWitness, forAccount, inAccount, splitFix, undecidableDenies } from "./verdictText";

export interface JudgementInput {
    readonly details: AuthorizationDetails;
    readonly exemptions: Exemptions;
    readonly graph: IamGraph;
    readonly config: GuardConfig;
    readonly analyzer: MfaDenyAnalyzer;
    /** The enrollment window's suspension group: a member whose group denies everything is `suspended`. */
    readonly suspendedGroupName: string;
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
    const suspension = suspensionOf(user, input.suspendedGroupName);
    if (suspension) {
        return {
            ...base,
            status: "suspended",
            reason: suspension,
            fix: SUSPENDED_FIX(detail.name, input.suspendedGroupName),
            fixSummary: `an administrator enrolls an MFA device, then removes the user from "${input.suspendedGroupName}"`,
        };
    }
    const status: MfaStatus = userMfaStatus(user, input.analyzer);
    const identity = userIdentityDocuments(user);
    const sources = [...identity, ...(user.boundary ? [user.boundary.source] : [])];
    const lockOut = lockOuts.get(user.urn!) ?? [];
    if (!status.result.enforced) {
        const { gaps, missingArns } = inputGaps(index, detail);
        const packGaps = status.unverifiable.filter((u) => !missingArns.some((arn) => u.includes(arn)));
        const unverifiable = [...gaps, ...packGaps, ...undecidableDenies(sources)];
        const escape = status.result.escape!;
        const where = escape.onSomeResources ? " on every resource" : "";
        const what = `no policy denies ${escape.action}${where} with ${escape.context.name}`;
        const notes = lockOut.map((m) => inAccount(splitFix(m).reason, detail.arn));
        const fix = USER_FIX(detail.name, input.config.enforcedGroupName);
        const fixSummary = `add to the group "${input.config.enforcedGroupName}" (or attach the MFA deny), or exempt with a reason`;
        if (unverifiable.length > 0) {
            return {
                ...base,
                status: "unverifiable",
                reason: `could not verify that it is subject to the MFA deny (${what}): ${unverifiable.join("; ")}`,
                fix: gaps.length > 0 ? GAP_FIX : fix,
                fixSummary: gaps.length > 0 ? GAP_FIX : fixSummary,
                ...(notes.length > 0 ? { notes } : {}),
            };
        }
        const search = findAllowedRequest({
            catalog: input.analyzer.catalog,
            isAllowListed: (a) => input.analyzer.isAllowListed(a),
            user: { name: detail.name, path: detail.path, arn: detail.arn },
            identity: usable(identity),
            boundary: user.boundary ? usable([user.boundary.source]) : undefined,
            preferred: [escape.action],
        });
        const why = [...escape.why, ...status.revoked];
        if (search.request) {
            const witness = allowedWitness(search.request, detail.arn, sources, search.request.context.name === escape.context.name ? why : status.revoked);
            return {
                ...base,
                status: "escapes",
                reason:
                    `its own policies allow ${witness.action} on ${witness.resource} with ${witness.mfaContext} (${witness.allowedBy}${witness.boundaryAllowedBy ? `; boundary: ${witness.boundaryAllowedBy}` : ""}) and no policy denies it` +
                    `${witness.why.length > 0 ? `: ${witness.why.join("; ")}` : ""}`,
                witness,
                fix,
                fixSummary,
                ...(notes.length > 0 ? { notes } : {}),
            };
        }
        const allNotes = [...search.mayAllow, ...notes];
        return {
            ...base,
            status: "unenforced",
            reason:
                `no MFA deny applies to it (${what}), but its own policies allow nothing without MFA today beyond enrollment: ` +
                "a same-account resource policy that names it, or its next grant, lets it act without MFA",
            fix,
            fixSummary,
            ...(allNotes.length > 0 ? { notes: allNotes } : {}),
        };
    }
    if (lockOut.length > 0) {
        const { reason, fix } = splitFix(lockOut[0]);
        const blocked = checkEnrollment({ name: detail.name, path: detail.path }, usable(identity), usable(user.boundary ? [user.boundary.source] : [])).blocked;
        return {
            ...base,
            status: "locked-out",
            reason: inAccount(reason, detail.arn),
            fix: fix && inAccount(fix, detail.arn),
            ...(blocked
                ? { witness: { action: blocked.request.action, resource: inAccount(blocked.request.resource, detail.arn), mfaContext: blocked.context, principal: detail.arn, path: sources.map((s) => s.label), why: [inAccount(blocked.reason, detail.arn)] } }
                : {}),
            ...(lockOut.length > 1 ? { notes: lockOut.slice(1).map((m) => inAccount(splitFix(m).reason, detail.arn)) } : {}),
        };
    }
    return { ...base, status: "enforced", reason: `subject to the MFA deny through ${status.result.evidence.join(", ")}` };
}

const SEVERITY: readonly PrincipalVerdict["status"][] = ["escapes", "unenforced", "unverifiable"];

function judgeGroup(
    input: JudgementInput,
    index: DetailsIndex,
    group: GroupEntry,
    findings: Map<string, string[]>,
    lockOuts: Map<string, string[]>,
    userVerdicts: ReadonlyMap<string, PrincipalVerdict>,
): PrincipalVerdict {
    const detail = index.groups.get(group.name!.toLowerCase())!;
    const base = { type: "group" as const, name: detail.name, arn: detail.arn, path: detail.path };
    const own = groupMfaStatus(group, input.analyzer);
    if (group.displayName.toLowerCase() === input.suspendedGroupName.toLowerCase() && [...group.members].every((m) => userVerdicts.get(m.displayName.toLowerCase())?.status !== "escapes")) {
        const suspended = [...group.members].filter((m) => userVerdicts.get(m.displayName.toLowerCase())?.status === "suspended").length;
        if (own.result.enforced) {
            return { ...base, status: "enforced", reason: `the enrollment window's suspension group: it denies everything, so its ${suspended} suspended member(s) act neither with nor without MFA` };
        }
    }
    const finding = findings.get(group.urn!);
    if (finding) {
        const { reason, fix } = splitFix(forAccount(finding[0]));
        // The members through whom it fails, worst first: one that acts now gives the group's witness.
        const members = [...group.members]
            .map((m) => userVerdicts.get(m.displayName.toLowerCase()))
            .filter((v): v is PrincipalVerdict => v !== undefined && SEVERITY.includes(v.status))
            .sort((a, b) => SEVERITY.indexOf(a.status) - SEVERITY.indexOf(b.status));
        const worst = members[0];
        if (worst) {
            const others = members.filter((m) => m.status === worst.status).length - 1;
            return {
                ...base,
                status: worst.status,
                reason: `${reason}; through user ${worst.name}${others > 0 ? ` and ${others} other member(s)` : ""}: ${worst.reason}`,
                fix: fix ?? worst.fix,
                ...(worst.witness ? { witness: { ...worst.witness, path: [`member user ${worst.name}`, ...worst.witness.path] } } : {}),
            };
        }
        const sources = group.ownDocuments("group");
        const unverifiable = [...own.unverifiable, ...undecidableDenies(sources)];
        return { ...base, status: unverifiable.length > 0 ? "unverifiable" : "unenforced", reason, fix, ...(own.result.escape ? { witness: escapeWitness(own, sources) } : {}) };
    }
    const lockOut = lockOuts.get(group.urn!);
    if (lockOut) {
        const { reason, fix } = splitFix(forAccount(lockOut[0]));
        return { ...base, status: "locked-out", reason: inAccount(reason, detail.arn), fix: fix && inAccount(fix, detail.arn) };
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
    const check = stackCheckInput(input.graph, input.config, input.analyzer);
    const lockOuts = byUrn(lockOutViolations(check));
    const groupFindings = byUrn(groupViolations(check));
    const index = indexOf(input.details);
    const users = input.graph.users.filter((u) => u.inStack).map((u) => judgeUser(input, index, u, lockOuts));
    const byName = new Map(users.map((u) => [u.name.toLowerCase(), u]));
    const groups = input.graph.groups.filter((g) => g.inStack).map((g) => judgeGroup(input, index, g, groupFindings, lockOuts, byName));
    const principalUrns = new Set([...input.graph.users, ...input.graph.groups].map((e) => e.urn));
    const policyFindings = [...lockOuts].filter(([urn]) => !principalUrns.has(urn)).flatMap(([, messages]) => messages.map((m) => inAccount(forAccount(m), input.details.account && `arn:aws:iam::${input.details.account}:root`)));
    return { verdicts: [...users, ...groups], policyFindings };
}
