/**
 * The run's first step: which accounts to audit. The whole organization (ListAccounts), or the accounts of the OUs of
 * config and of every OU under them (as the StackSet's deployment reaches them), every page of each; active accounts
 * only (a suspended or closing account cannot be read), each once. The list goes to the audit bucket, where the
 * Distributed Map's ItemReader reads it: no state payload limit, however large the organization.
 */
import { paginateListAccounts, paginateListAccountsForParent, paginateListOrganizationalUnitsForParent, OrganizationsClient, Account } from "@aws-sdk/client-organizations";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { AccountToAudit, RUN_PURPOSES, RunListing, runKeys, runName, RunPurpose } from "./auditRun";
import { AuditJobSettings, WHOLE_ORGANIZATION_TARGET } from "./auditSettings";

export interface ListInput {
    readonly executionName: string;
    readonly startTime: string;
    /** The execution's input: a schedule's `{ "purpose": ... }`, or whatever was given by hand. */
    readonly input?: unknown;
}

export interface ListClients {
    readonly organizations: OrganizationsClient;
    readonly s3: S3Client;
}

function purposeOf(input: unknown): RunPurpose {
    const purpose = (input as { purpose?: unknown } | undefined)?.purpose;
    if (purpose === undefined) {
        return "on-demand";
    }
    if (typeof purpose !== "string" || !(RUN_PURPOSES as readonly string[]).includes(purpose)) {
        throw new Error(`the execution's input purpose must be one of ${RUN_PURPOSES.join(", ")} (or left out), got ${JSON.stringify(purpose)}`);
    }
    return purpose as RunPurpose;
}

function toAudit(account: Account): AccountToAudit | undefined {
    // Status is deprecated in favour of State; either says whether the account can be read.
    const active = account.State !== undefined ? account.State === "ACTIVE" : account.Status === "ACTIVE";
    return account.Id && active ? { accountId: account.Id, ...(account.Name ? { accountName: account.Name } : {}) } : undefined;
}

async function accountsOfOrganization(organizations: OrganizationsClient): Promise<Account[]> {
    const accounts: Account[] = [];
    for await (const page of paginateListAccounts({ client: organizations }, {})) {
        accounts.push(...(page.Accounts ?? []));
    }
    return accounts;
}

/** The OU's accounts and those of every OU under it, breadth first. */
async function accountsUnder(organizations: OrganizationsClient, ou: string): Promise<Account[]> {
    const accounts: Account[] = [];
    const queue = [ou];
    while (queue.length > 0) {
        const parent = queue.shift()!;
        for await (const page of paginateListAccountsForParent({ client: organizations }, { ParentId: parent })) {
            accounts.push(...(page.Accounts ?? []));
        }
        for await (const page of paginateListOrganizationalUnitsForParent({ client: organizations }, { ParentId: parent })) {
            queue.push(...(page.OrganizationalUnits ?? []).flatMap((child) => (child.Id ? [child.Id] : [])));
        }
    }
    return accounts;
}

export async function listAccountsToAudit(organizations: OrganizationsClient, targets: readonly string[]): Promise<AccountToAudit[]> {
    const found = targets.includes(WHOLE_ORGANIZATION_TARGET) ? await accountsOfOrganization(organizations) : (await Promise.all(targets.map((ou) => accountsUnder(organizations, ou)))).flat();
    const byId = new Map<string, AccountToAudit>();
    for (const account of found.map(toAudit)) {
        if (account && !byId.has(account.accountId)) {
            byId.set(account.accountId, account);
        }
    }
    return [...byId.values()].sort((a, b) => a.accountId.localeCompare(b.accountId));
}

export async function runListAccounts(clients: ListClients, settings: AuditJobSettings, input: ListInput): Promise<RunListing> {
    const purpose = purposeOf(input.input);
    const run = runName(input.startTime, purpose, input.executionName);
    const accounts = await listAccountsToAudit(clients.organizations, settings.targets);
    const keys = runKeys(run);
    await clients.s3.send(new PutObjectCommand({ Bucket: settings.bucketName, Key: keys.accountsList, Body: JSON.stringify(accounts), ContentType: "application/json" }));
    return { run, purpose, bucket: settings.bucketName, accountsKey: keys.accountsList, accounts: accounts.length };
}
