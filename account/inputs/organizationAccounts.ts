/**
 * `aws organizations list-accounts`: the organization's member accounts, their names and whether they are active.
 * The organization audit takes names from it and, above all, completeness: an active account with no export is
 * reported as not audited instead of silently missing from the report.
 */
import { JsonReader } from "./jsonReader";

export interface OrganizationMember {
    readonly id: string;
    readonly name?: string;
    /** ACTIVE, SUSPENDED, PENDING_CLOSURE (Status), or CLOSED, PENDING_ACTIVATION… (the newer State). */
    readonly status?: string;
}

/** Whether an account can be audited at all: suspended and closed accounts cannot be signed in to. */
export function isActiveMember(member: OrganizationMember): boolean {
    return member.status === undefined || member.status === "ACTIVE";
}

/** The AWS CLI's answer, or an SDK paginator's pages (a list), as parsed JSON. */
export function parseOrganizationAccounts(input: unknown, file: string): OrganizationMember[] {
    const read = new JsonReader(file);
    const pages = Array.isArray(input) ? input : [input];
    const members = pages.flatMap((page, p) => {
        const at = Array.isArray(input) ? `[${p}]` : "";
        const object = read.object(page, at || "the top level");
        if (!Array.isArray(object.Accounts)) {
            read.fail(`${at}Accounts`, "must be a list: not the output of aws organizations list-accounts");
        }
        return (object.Accounts as unknown[]).map((item, i): OrganizationMember => {
            const place = `${at}Accounts[${i}]`;
            const account = read.object(item, place);
            const id = read.string(account.Id, `${place}.Id`);
            if (!/^\d{12}$/.test(id)) {
                read.fail(`${place}.Id`, `"${id}" is not a 12-digit account id`);
            }
            const name = read.optionalString(account.Name, `${place}.Name`);
            // State replaces Status in the Organizations API (2025); either is read, State first.
            const status = read.optionalString(account.State, `${place}.State`) ?? read.optionalString(account.Status, `${place}.Status`);
            return { id, ...(name !== undefined ? { name } : {}), ...(status !== undefined ? { status } : {}) };
        });
    });
    const seen = new Set<string>();
    members.forEach((m, i) => {
        if (seen.has(m.id)) {
            read.fail(`Accounts[${i}].Id`, `account ${m.id} is listed twice`);
        }
        seen.add(m.id);
    });
    return members;
}
