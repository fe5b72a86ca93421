/**
 * Who may act without MFA, and why — from an exemptions file or from a force-mfa stack's config
 * (`Pulumi.<stack>.yaml`, key `force-mfa:exemptions`). Every exemption needs a non-empty reason: an audit report
 * that exempts someone says why.
 */
import { parse as parseYaml, YAMLParseError } from "yaml";
import { AuditInputError } from "./auditInputError";
import { describe, JsonReader } from "./jsonReader";
import { isCalendarDate } from "../../policy-pack/evaluator";

export interface Exemption {
    readonly name: string;
    readonly reason: string;
    /** The terms an exemption may carry (the pack's verdicts/exemptionTerms.ts): who approved it, its ticket, when it began and ends. */
    readonly approvedBy?: string;
    readonly ticket?: string;
    readonly grantedOn?: string;
    readonly expiresOn?: string;
}

const TERMS = ["approvedBy", "ticket", "grantedOn", "expiresOn"] as const;

/** The reason with its terms, as a report shows it: `reason (approved by X; ticket T; granted D; expires D)`. */
export function exemptionText(e: Exemption): string {
    const terms = [
        e.approvedBy && `approved by ${e.approvedBy}`,
        e.ticket && `ticket ${e.ticket}`,
        e.grantedOn && `granted ${e.grantedOn}`,
        e.expiresOn ? `expires ${e.expiresOn}` : e.approvedBy || e.grantedOn ? "no expiry" : undefined,
    ].filter(Boolean);
    return terms.length > 0 ? `${e.reason} (${terms.join("; ")})` : e.reason;
}

export interface Exemptions {
    readonly users: readonly Exemption[];
    readonly roles: readonly Exemption[];
    /** `force-mfa:enforcedGroupName` of a stack config, when it sets one. */
    readonly enforcedGroupName?: string;
    /** `force-mfa:sensitiveActions.groups` of a stack config, when it sets them (checked by the pack's config reader). */
    readonly sensitiveActionGroups?: Readonly<Record<string, { readonly maxMfaAgeSeconds: number; readonly actions: readonly string[] }>>;
}

export const NO_EXEMPTIONS: Exemptions = { users: [], roles: [] };

function parseText(text: string, file: string): unknown {
    try {
        return parseYaml(text); // YAML is a superset of JSON: either kind of file reads
    } catch (err) {
        const place = err instanceof YAMLParseError && err.linePos ? `line ${err.linePos[0].line}` : "";
        throw new AuditInputError(file, place, `is not valid JSON or YAML (${err instanceof Error ? err.message.split("\n")[0] : String(err)})`);
    }
}

function exemptionList(read: JsonReader, value: unknown, place: string): Exemption[] {
    const list = read.list(value, place);
    const seen = new Map<string, number>();
    return list.map((item, i) => {
        const at = `${place}[${i}]`;
        const entry = read.object(item, at);
        const extra = Object.keys(entry).filter((k) => k !== "name" && k !== "reason" && !(TERMS as readonly string[]).includes(k));
        if (extra.length > 0) {
            read.fail(`${at}.${extra[0]}`, `is not a key of an exemption (only "name", "reason", ${TERMS.map((t) => `"${t}"`).join(", ")})`);
        }
        const name = read.string(entry.name, `${at}.name`);
        if (typeof entry.reason === "object" && entry.reason !== null && "secure" in entry.reason) {
            read.fail(`${at}.reason`, "is a secret, which cannot be decrypted here: exemption reasons are for auditors to read, keep them plain");
        }
        if (typeof entry.reason !== "string" || entry.reason.trim() === "") {
            read.fail(`${at}.reason`, `must say why ${name} may act without MFA, found ${describe(entry.reason)}`);
        }
        const previous = seen.get(name.toLowerCase());
        if (previous !== undefined) {
            read.fail(`${at}.name`, `${name} is exempted twice (also at ${place}[${previous}]; IAM names ignore case)`);
        }
        seen.set(name.toLowerCase(), i);
        const terms: Record<string, string> = {};
        for (const key of TERMS) {
            if (entry[key] === undefined) {
                continue;
            }
            const value = read.string(entry[key], `${at}.${key}`).trim();
            if ((key === "grantedOn" || key === "expiresOn") && !isCalendarDate(value)) {
                read.fail(`${at}.${key}`, `must be an ISO date (YYYY-MM-DD) that exists, found ${describe(entry[key])}`);
            }
            terms[key] = value;
        }
        return { name, reason: entry.reason.trim(), ...terms };
    });
}

/**
 * An exemptions file, JSON or YAML, in one of these shapes:
 * - a list of `{ name, reason }`: exempt users;
 * - `{ "users": [...], "roles": [...] }`;
 * - the policy pack's config file (`{ "<policy>": { "exemptUsers": [...], "exemptRoles": [...] } }`): the union of
 *   every policy's exemptions, so the audit exempts exactly whom the pack exempts.
 */
export function parseExemptionsFile(text: string, file: string): Exemptions {
    const read = new JsonReader(file);
    const value = parseText(text, file);
    if (Array.isArray(value)) {
        return { users: exemptionList(read, value, "exemptions"), roles: [] };
    }
    const object = read.object(value, "the top level");
    if ("users" in object || "roles" in object) {
        const extra = Object.keys(object).filter((k) => k !== "users" && k !== "roles");
        if (extra.length > 0) {
            read.fail(extra[0], 'is not a key of an exemptions file (only "users" and "roles")');
        }
        return { users: exemptionList(read, object.users, "users"), roles: exemptionList(read, object.roles, "roles") };
    }
    const users = new Map<string, Exemption>();
    const roles = new Map<string, Exemption>();
    for (const [policy, config] of Object.entries(object)) {
        if (typeof config !== "object" || config === null) {
            continue; // an enforcement level ("advisory"), not a config
        }
        const entry = config as Record<string, unknown>;
        for (const [key, into] of [
            ["exemptUsers", users],
            ["exemptRoles", roles],
        ] as const) {
            for (const e of exemptionList(read, entry[key], `${policy}.${key}`)) {
                const known = into.get(e.name.toLowerCase());
                if (known && known.reason !== e.reason) {
                    read.fail(`${policy}.${key}`, `${e.name} has another reason here than in an earlier policy ("${known.reason}"): give one reason`);
                }
                into.set(e.name.toLowerCase(), e);
            }
        }
    }
    if (users.size === 0 && roles.size === 0 && !Object.values(object).some((c) => typeof c === "object" && c !== null)) {
        read.fail("the top level", 'is neither a list of {name, reason}, nor {"users", "roles"}, nor a policy pack config');
    }
    return { users: [...users.values()], roles: [...roles.values()] };
}

/** The exemptions (and enforced group name) of a force-mfa stack: the text of `Pulumi.<stack>.yaml`. */
export function parseStackExemptions(text: string, file: string): Exemptions {
    const read = new JsonReader(file);
    const value = parseText(text, file) ?? {};
    const config = read.object(value, "the top level").config ?? {};
    const entries = read.object(config, "config");
    const group = entries["force-mfa:enforcedGroupName"];
    const sensitive = entries["force-mfa:sensitiveActions"];
    const groups = sensitive === undefined ? undefined : read.object(sensitive, "config.force-mfa:sensitiveActions").groups;
    return {
        users: exemptionList(read, entries["force-mfa:exemptions"], "config.force-mfa:exemptions"),
        roles: [],
        enforcedGroupName: group === undefined ? undefined : read.string(group, "config.force-mfa:enforcedGroupName"),
        ...(groups === undefined ? {} : { sensitiveActionGroups: read.object(groups, "config.force-mfa:sensitiveActions.groups") as Exemptions["sensitiveActionGroups"] }),
    };
}
