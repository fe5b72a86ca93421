/**
 * `--organization DIR`: a folder per member account, named by its 12-digit id, holding that account's files under the
 * names below (what docs/account-audit.md has the AWS CLI write), and optionally DIR/accounts.json, the answer of
 * `aws organizations list-accounts` (names, and the active accounts whose folder is missing). The organization's own
 * problems (no such DIR, a folder that is not an account id) stop the run; an account's (a missing or unreadable
 * file) make that account not audited, and the others are judged.
 */
import * as fs from "fs";
import * as path from "path";
import { AccountExportInput, accountAuditFailure, AuditInputError, Exemptions, FailedAccount, isActiveMember, OrganizationMember } from "../../account";
import { ACCOUNT_ID, parseExemptionsFile, parseJson, parseOrganizationAccounts } from "../../account";
import { UsageError } from "./commandLine";
import { readInputFile } from "./readAuditInputs";

/** The file names of an account's folder; the credential report and exemptions may come in either form. */
export const ACCOUNT_FILES = {
    authorizationDetails: "authorization-details.json",
    credentialReport: ["credential-report.json", "credential-report.csv"],
    virtualMfaDevices: "virtual-mfa-devices.json",
    rootCredentials: "root-credentials.json",
    exemptions: ["exemptions.json", "exemptions.yaml", "exemptions.yml"],
} as const;
export const ACCOUNTS_FILE = "accounts.json";

export interface MemberAccount {
    readonly accountId: string;
    readonly accountName?: string;
    /** DIR/<id> as given (relative to cwd), or undefined when accounts.json lists the account but DIR has no folder. */
    readonly folder?: string;
}

/** The accounts to audit, by id; throws UsageError or AuditInputError for what makes DIR no organization folder. */
export function readOrganizationFolder(dir: string, cwd: string): MemberAccount[] {
    const full = path.resolve(cwd, dir);
    let entries: fs.Dirent[];
    try {
        entries = fs.readdirSync(full, { withFileTypes: true });
    } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        throw new UsageError(`--organization: ${dir}: ${code === "ENOENT" ? "no such directory" : code === "ENOTDIR" ? "not a directory" : `cannot be read (${code ?? String(err)})`}`);
    }
    // A link to an account's folder (collected elsewhere) counts as that folder.
    const isFolder = (d: fs.Dirent) => d.isDirectory() || (d.isSymbolicLink() && fs.statSync(path.join(full, d.name), { throwIfNoEntry: false })?.isDirectory() === true);
    const folders = entries.filter((d) => !d.name.startsWith(".") && isFolder(d));
    const misnamed = folders.filter((d) => !ACCOUNT_ID.test(d.name)).map((d) => d.name);
    if (misnamed.length > 0) {
        // An account under a wrong name would be missing from the report without a word: refused, before any judging.
        throw new UsageError(
            `--organization: ${misnamed.map((n) => path.join(dir, n)).join(", ")}: not named by a 12-digit account id; name each account's folder by its id, and move anything else out of ${dir}`,
        );
    }
    let members: OrganizationMember[] | undefined;
    if (entries.some((d) => d.name === ACCOUNTS_FILE)) {
        const file = readInputFile(path.join(dir, ACCOUNTS_FILE), cwd);
        members = parseOrganizationAccounts(parseJson(file.text, file.name), file.name);
    }
    if (folders.length === 0 && !members?.length) {
        throw new UsageError(`--organization: ${dir} has no account folder (one per account, named by its 12-digit id)`);
    }
    const names = new Map((members ?? []).map((m) => [m.id, m.name]));
    const accounts: MemberAccount[] = folders.map((d) => {
        const accountName = names.get(d.name);
        return { accountId: d.name, ...(accountName !== undefined ? { accountName } : {}), folder: path.join(dir, d.name) };
    });
    const present = new Set(accounts.map((a) => a.accountId));
    for (const m of (members ?? []).filter((x) => isActiveMember(x) && !present.has(x.id))) {
        accounts.push({ accountId: m.id, ...(m.name !== undefined ? { accountName: m.name } : {}) });
    }
    return accounts.sort((a, b) => a.accountId.localeCompare(b.accountId));
}

/** Of the names a file may have, the one the folder holds; two of them is ambiguous. */
function oneOf(folder: string, present: ReadonlySet<string>, names: readonly string[]): string | undefined {
    const found = names.filter((n) => present.has(n));
    if (found.length > 1) {
        throw new AuditInputError(folder, "", `holds both ${found.join(" and ")}: keep one`);
    }
    return found[0];
}

/** An account's inputs as judgeAccountExport takes them, or why the account cannot be audited. */
export function readAccountFolder(account: MemberAccount, cwd: string, now: Date, options: Pick<AccountExportInput, "enforcedGroupName" | "suspendedGroupName">): AccountExportInput | FailedAccount {
    const { accountId, accountName, folder } = account;
    if (folder === undefined) {
        return accountAuditFailure(accountId, "error", `listed in ${ACCOUNTS_FILE} as active, but the organization folder has no folder ${accountId}: its export was not collected`, accountName);
    }
    try {
        let present: Set<string>;
        try {
            present = new Set(fs.readdirSync(path.resolve(cwd, folder)));
        } catch (err) {
            throw new AuditInputError(folder, "", `cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
        }
        if (!present.has(ACCOUNT_FILES.authorizationDetails)) {
            const found = [...present].filter((n) => !n.startsWith(".")).sort();
            throw new AuditInputError(
                folder,
                "",
                `has no ${ACCOUNT_FILES.authorizationDetails} (aws iam get-account-authorization-details > ${ACCOUNT_FILES.authorizationDetails})${found.length > 0 ? `; it holds ${found.join(", ")}` : "; it is empty"}`,
            );
        }
        const file = (name: string) => readInputFile(path.join(folder, name), cwd);
        const json = (name: string | undefined) => {
            if (name === undefined || !present.has(name)) return undefined;
            const f = file(name);
            return { value: parseJson(f.text, f.name), name: f.name };
        };
        const details = json(ACCOUNT_FILES.authorizationDetails)!;
        const reportName = oneOf(folder, present, ACCOUNT_FILES.credentialReport);
        const report = reportName !== undefined ? file(reportName) : undefined;
        const devices = json(ACCOUNT_FILES.virtualMfaDevices);
        const root = json(ACCOUNT_FILES.rootCredentials);
        const exemptionsName = oneOf(folder, present, ACCOUNT_FILES.exemptions);
        let exemptions: Exemptions | undefined;
        if (exemptionsName !== undefined) {
            const f = file(exemptionsName);
            exemptions = parseExemptionsFile(f.text, f.name);
        }
        return {
            accountId,
            ...(accountName !== undefined ? { accountName } : {}),
            export: details.value,
            ...(report ? { credentialReport: report.text } : {}),
            ...(devices ? { virtualMfaDevices: devices.value } : {}),
            ...(root ? { rootCredentials: root.value } : {}),
            ...(exemptions ? { exemptions } : {}),
            ...options,
            now,
            sources: { export: details.name, credentialReport: report?.name, virtualMfaDevices: devices?.name, rootCredentials: root?.name },
        };
    } catch (err) {
        if (err instanceof AuditInputError) {
            return accountAuditFailure(accountId, "error", err.message, accountName);
        }
        throw err;
    }
}
