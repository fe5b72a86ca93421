/**
 * The IAM credential report (`aws iam generate-credential-report`, then `get-credential-report`): the CSV itself, or
 * the JSON answer of `get-credential-report` whose `Content` is the CSV in base64 (the AWS CLI) or as text (boto3-based collectors); its `GeneratedTime` is kept. Each row is one user;
 * the row `<root_account>` is the account's root user. Values AWS leaves open (`N/A`, `no_information`,
 * `not_supported`) are read as "not known", never as false.
 */
import { AuditInputError } from "./auditInputError";
import { describe } from "./jsonReader";
import { parseCsv } from "./csv";

export interface AccessKeyFacts {
    readonly active: boolean;
    readonly lastRotated?: string;
    readonly lastUsedDate?: string;
    readonly lastUsedRegion?: string;
    readonly lastUsedService?: string;
}

export interface CredentialFacts {
    readonly user: string;
    readonly arn: string;
    readonly createdAt?: string;
    /** undefined for the root user (`not_supported`). */
    readonly passwordEnabled?: boolean;
    readonly passwordLastUsed?: string;
    readonly mfaActive: boolean;
    readonly accessKeys: readonly [AccessKeyFacts, AccessKeyFacts];
}

export interface CredentialReport {
    readonly generatedAt?: string;
    readonly account?: string;
    /** Keyed by user name (lower-cased: IAM user names are unique regardless of case). */
    readonly users: ReadonlyMap<string, CredentialFacts>;
    readonly root?: CredentialFacts;
}

export const ROOT_ROW = "<root_account>";

const REQUIRED_COLUMNS = [
    "user",
    "arn",
    "user_creation_time",
    "password_enabled",
    "password_last_used",
    "mfa_active",
    "access_key_1_active",
    "access_key_1_last_rotated",
    "access_key_1_last_used_date",
    "access_key_1_last_used_region",
    "access_key_1_last_used_service",
    "access_key_2_active",
    "access_key_2_last_rotated",
    "access_key_2_last_used_date",
    "access_key_2_last_used_region",
    "access_key_2_last_used_service",
] as const;

const NOT_KNOWN = new Set(["n/a", "no_information", "not_supported", ""]);

/** Reads the report from its CSV text, its bytes, or the JSON text of `aws iam get-credential-report`. */
export function parseCredentialReport(input: string | Uint8Array, file: string): CredentialReport {
    let text = typeof input === "string" ? input : new TextDecoder().decode(input);
    let generatedAt: string | undefined;
    if (text.trimStart().startsWith("{")) {
        ({ text, generatedAt } = unwrapCliAnswer(text, file));
    }
    text = text.replace(/^\uFEFF/, "");
    let records;
    try {
        records = parseCsv(text);
    } catch (err) {
        throw new AuditInputError(file, "", `is not valid CSV (${err instanceof Error ? err.message : String(err)})`);
    }
    if (records.length === 0) {
        throw new AuditInputError(file, "line 1", "is empty: expected the credential report's header line");
    }
    const header = records[0].fields.map((f) => f.trim());
    const missing = REQUIRED_COLUMNS.filter((c) => !header.includes(c));
    if (missing.length > 0) {
        throw new AuditInputError(file, "line 1", `the header lacks ${missing.join(", ")}: not an IAM credential report`);
    }
    const column = Object.fromEntries(REQUIRED_COLUMNS.map((c) => [c, header.indexOf(c)])) as Record<(typeof REQUIRED_COLUMNS)[number], number>;
    const users = new Map<string, CredentialFacts>();
    let root: CredentialFacts | undefined;
    let account: string | undefined;
    for (const { line, fields } of records.slice(1)) {
        if (fields.length !== header.length) {
            throw new AuditInputError(file, `line ${line}`, `has ${fields.length} fields where the header has ${header.length}`);
        }
        const cell = (name: (typeof REQUIRED_COLUMNS)[number]) => fields[column[name]].trim();
        const place = (name: string) => `line ${line}, column ${name}`;
        const bool = (name: (typeof REQUIRED_COLUMNS)[number]): boolean | undefined => {
            const value = cell(name).toLowerCase();
            if (value === "true" || value === "false") {
                return value === "true";
            }
            if (NOT_KNOWN.has(value)) {
                return undefined;
            }
            throw new AuditInputError(file, place(name), `must be TRUE or FALSE, found ${describe(cell(name))}`);
        };
        const date = (name: (typeof REQUIRED_COLUMNS)[number]): string | undefined => {
            const value = cell(name);
            if (NOT_KNOWN.has(value.toLowerCase())) {
                return undefined;
            }
            const parsed = new Date(value);
            if (Number.isNaN(parsed.getTime())) {
                throw new AuditInputError(file, place(name), `must be an ISO 8601 date-time, N/A or no_information, found ${describe(value)}`);
            }
            return parsed.toISOString();
        };
        const text = (name: (typeof REQUIRED_COLUMNS)[number]) => (NOT_KNOWN.has(cell(name).toLowerCase()) ? undefined : cell(name));
        const user = cell("user");
        if (user === "") {
            throw new AuditInputError(file, place("user"), "must name the user");
        }
        const arn = cell("arn");
        const arnAccount = /^arn:[\w-]+:iam::(\d{12}):(?:root$|user\/)/.exec(arn)?.[1];
        if (!arnAccount) {
            throw new AuditInputError(file, place("arn"), `must be the ARN of the root user or an IAM user, found ${describe(arn)}`);
        }
        if (account !== undefined && arnAccount !== account) {
            throw new AuditInputError(file, place("arn"), `is in account ${arnAccount}, the rows above in ${account}: one report covers one account`);
        }
        account = arnAccount;
        const mfaActive = bool("mfa_active");
        if (mfaActive === undefined) {
            throw new AuditInputError(file, place("mfa_active"), `must be TRUE or FALSE, found ${describe(cell("mfa_active"))}`);
        }
        const key = (n: 1 | 2): AccessKeyFacts => ({
            active: bool(`access_key_${n}_active`) ?? false,
            lastRotated: date(`access_key_${n}_last_rotated`),
            lastUsedDate: date(`access_key_${n}_last_used_date`),
            lastUsedRegion: text(`access_key_${n}_last_used_region`),
            lastUsedService: text(`access_key_${n}_last_used_service`),
        });
        const facts: CredentialFacts = {
            user,
            arn,
            createdAt: date("user_creation_time"),
            passwordEnabled: bool("password_enabled"),
            passwordLastUsed: date("password_last_used"),
            mfaActive,
            accessKeys: [key(1), key(2)],
        };
        if (user === ROOT_ROW) {
            root = facts;
            continue;
        }
        if (users.has(user.toLowerCase())) {
            throw new AuditInputError(file, place("user"), `user ${user} is listed twice`);
        }
        users.set(user.toLowerCase(), facts);
    }
    return { generatedAt, account, users, root };
}

function unwrapCliAnswer(json: string, file: string): { text: string; generatedAt?: string } {
    let answer: unknown;
    try {
        answer = JSON.parse(json);
    } catch (err) {
        throw new AuditInputError(file, "", `starts like JSON but is not valid JSON (${err instanceof Error ? err.message : String(err)})`);
    }
    const raw = (answer as { Content?: unknown })?.Content;
    // The AWS CLI writes Content in base64; boto3-based collectors save the bytes they were given as text, decoded,
    // or as Python prints bytes (`json.dumps(..., default=str)`: "b'user,arn,...\\n...'").
    const content = typeof raw === "string" ? pythonBytes(raw) ?? raw : raw;
    const plain = typeof content === "string" && /^\uFEFF?user,arn,/.test(content);
    if (typeof content !== "string" || (!plain && !/^[A-Za-z0-9+/=\s]+$/.test(content))) {
        throw new AuditInputError(file, "Content", `must be the credential report's CSV, in base64 (aws iam get-credential-report) or as text, found ${describe(content)}`);
    }
    const format = (answer as { ReportFormat?: unknown }).ReportFormat;
    if (format !== undefined && format !== "text/csv") {
        throw new AuditInputError(file, "ReportFormat", `must be "text/csv", found ${describe(format)}`);
    }
    const time = (answer as { GeneratedTime?: unknown }).GeneratedTime;
    const generatedAt = typeof time === "string" && !Number.isNaN(new Date(time).getTime()) ? new Date(time).toISOString() : undefined;
    return { text: plain ? content : Buffer.from(content, "base64").toString("utf8"), generatedAt };
}

/** The text of a Python bytes literal (`b'...'`, its escapes undone), or undefined when the value is not one. */
function pythonBytes(value: string): string | undefined {
    const literal = /^b(['"])([\s\S]*)\1$/.exec(value);
    if (!literal) {
        return undefined;
    }
    const ESCAPES: Record<string, string> = { n: "\n", r: "\r", t: "\t", "\\": "\\", "'": "'", '"': '"' };
    const bytes = literal[2].replace(/\\(x[0-9a-fA-F]{2}|[nrt\\'"])/g, (_m, e: string) => (e.startsWith("x") ? String.fromCharCode(parseInt(e.slice(1), 16)) : ESCAPES[e]));
    return Buffer.from(bytes, "latin1").toString("utf8");
}
