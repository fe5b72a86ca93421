/**
 * The output of `aws iam get-account-authorization-details` (or the GetAccountAuthorizationDetails pages of an AWS
 * SDK): users, groups, roles and managed policies with every version, read into a normalized model. Documents come
 * as objects or URL-encoded JSON text; dates as ISO 8601 text or Date objects. Anything that is not what AWS
 * returns is refused with the place and the rule, never guessed at.
 */
import { JsonReader } from "./jsonReader";
import { decodePolicyDocument } from "./policyDocumentText";

export type PolicyDocumentJson = Record<string, unknown>;

export interface InlinePolicy {
    readonly name: string;
    readonly document: PolicyDocumentJson;
}

export interface AttachedPolicy {
    readonly name: string;
    readonly arn: string;
}

interface Principal {
    readonly name: string;
    readonly arn: string;
    readonly path: string;
    readonly createDate?: string;
    readonly inline: readonly InlinePolicy[];
    readonly attached: readonly AttachedPolicy[];
}

export interface IamUser extends Principal {
    readonly groups: readonly string[];
    readonly permissionsBoundaryArn?: string;
}

export type IamGroup = Principal;

export interface IamRole extends Principal {
    readonly trust: PolicyDocumentJson;
    readonly permissionsBoundaryArn?: string;
    /** Path `/aws-service-role/`: created and trusted by an AWS service, not editable by the account. */
    readonly serviceLinked: boolean;
}

export interface PolicyVersion {
    readonly id: string;
    readonly isDefault: boolean;
    readonly document: PolicyDocumentJson;
}

export interface ManagedPolicy {
    readonly name: string;
    readonly arn: string;
    readonly path: string;
    /** Owned by AWS (`arn:<partition>:iam::aws:policy/...`). */
    readonly awsManaged: boolean;
    readonly defaultVersionId: string;
    /** The document of the default version: the only one IAM applies. */
    readonly defaultDocument: PolicyDocumentJson;
    readonly versions: readonly PolicyVersion[];
}

export interface AuthorizationDetails {
    /** The 12-digit account, from the ARNs (undefined when the file holds no principal or customer policy). */
    readonly account?: string;
    readonly users: readonly IamUser[];
    readonly groups: readonly IamGroup[];
    readonly roles: readonly IamRole[];
    readonly policies: readonly ManagedPolicy[];
}

const LISTS = ["UserDetailList", "GroupDetailList", "RoleDetailList", "Policies"] as const;

/**
 * Reads the authorization details: one response object, or a list of pages (an SDK's paginator) that are merged.
 * `file` names the source in errors.
 */
export function parseAuthorizationDetails(input: unknown, file: string): AuthorizationDetails {
    const read = new JsonReader(file);
    const pages = Array.isArray(input) ? input : [input];
    const merged: Record<(typeof LISTS)[number], { value: unknown; place: string }[]> = {
        UserDetailList: [],
        GroupDetailList: [],
        RoleDetailList: [],
        Policies: [],
    };
    pages.forEach((page, p) => {
        const at = Array.isArray(input) ? `[${p}]` : "";
        const object = read.object(page, at || "the top level");
        if (!LISTS.some((key) => key in object)) {
            read.fail(at || "the top level", `has none of ${LISTS.join(", ")}: not the output of aws iam get-account-authorization-details`);
        }
        if (object.IsTruncated === true && p === pages.length - 1) {
            read.fail(`${at}IsTruncated`, "is true: this is one page of a longer answer; let the AWS CLI paginate (no --max-items, no --no-paginate) or pass every page");
        }
        for (const key of LISTS) {
            read.list(object[key], `${at}${key}`).forEach((value, i) => merged[key].push({ value, place: `${at}${key}[${i}]` }));
        }
    });

    const inlineList = (value: unknown, place: string): InlinePolicy[] =>
        read.list(value, place).map((item, i) => {
            const at = `${place}[${i}]`;
            const entry = read.object(item, at);
            return { name: read.string(entry.PolicyName, `${at}.PolicyName`), document: decodePolicyDocument(entry.PolicyDocument, file, `${at}.PolicyDocument`) };
        });
    const attachedList = (value: unknown, place: string): AttachedPolicy[] =>
        read.list(value, place).map((item, i) => {
            const at = `${place}[${i}]`;
            const entry = read.object(item, at);
            return { name: read.string(entry.PolicyName, `${at}.PolicyName`), arn: arn(read, entry.PolicyArn, `${at}.PolicyArn`, "policy") };
        });
    const boundary = (value: unknown, place: string): string | undefined => {
        if (value === undefined || value === null) {
            return undefined;
        }
        return arn(read, read.object(value, place).PermissionsBoundaryArn, `${place}.PermissionsBoundaryArn`, "policy");
    };
    const principal = (entry: Record<string, unknown>, place: string, nameKey: string, kind: string, inlineKey: string): Principal => ({
        name: read.string(entry[nameKey], `${place}.${nameKey}`),
        arn: arn(read, entry.Arn, `${place}.Arn`, kind),
        path: iamPath(read, entry.Path, `${place}.Path`),
        createDate: read.optionalDate(entry.CreateDate, `${place}.CreateDate`),
        inline: inlineList(entry[inlineKey], `${place}.${inlineKey}`),
        attached: attachedList(entry.AttachedManagedPolicies, `${place}.AttachedManagedPolicies`),
    });

    const users = merged.UserDetailList.map(({ value, place }): IamUser => {
        const entry = read.object(value, place);
        return {
            ...principal(entry, place, "UserName", "user", "UserPolicyList"),
            groups: read.list(entry.GroupList, `${place}.GroupList`).map((g, i) => read.string(g, `${place}.GroupList[${i}]`)),
            permissionsBoundaryArn: boundary(entry.PermissionsBoundary, `${place}.PermissionsBoundary`),
        };
    });
    const groups = merged.GroupDetailList.map(({ value, place }): IamGroup => principal(read.object(value, place), place, "GroupName", "group", "GroupPolicyList"));
    const roles = merged.RoleDetailList.map(({ value, place }): IamRole => {
        const entry = read.object(value, place);
        const base = principal(entry, place, "RoleName", "role", "RolePolicyList");
        return {
            ...base,
            trust: decodePolicyDocument(entry.AssumeRolePolicyDocument, file, `${place}.AssumeRolePolicyDocument`),
            permissionsBoundaryArn: boundary(entry.PermissionsBoundary, `${place}.PermissionsBoundary`),
            serviceLinked: base.path.startsWith("/aws-service-role/"),
        };
    });
    const policies = merged.Policies.map(({ value, place }) => managedPolicy(read, file, read.object(value, place), place));

    for (const [list, key, name] of [
        [users, "UserDetailList", "user"],
        [groups, "GroupDetailList", "group"],
        [roles, "RoleDetailList", "role"],
        [policies, "Policies", "policy"],
    ] as const) {
        // IAM names are unique regardless of case (policies: their ARNs are).
        const seen = new Map<string, number>();
        (list as readonly { name: string; arn: string }[]).forEach((p, i) => {
            const id = (name === "policy" ? p.arn : p.name).toLowerCase();
            if (seen.has(id)) {
                read.fail(`${key}[${i}]`, `${name} ${name === "policy" ? p.arn : p.name} is listed twice (also at ${key}[${seen.get(id)}])`);
            }
            seen.set(id, i);
        });
    }
    return { account: accountOf(read, { UserDetailList: users, GroupDetailList: groups, RoleDetailList: roles, Policies: policies }), users, groups, roles, policies };
}

function managedPolicy(read: JsonReader, file: string, entry: Record<string, unknown>, place: string): ManagedPolicy {
    const policyArn = arn(read, entry.Arn, `${place}.Arn`, "policy");
    const versions = read.list(entry.PolicyVersionList, `${place}.PolicyVersionList`).map((item, i): PolicyVersion => {
        const at = `${place}.PolicyVersionList[${i}]`;
        const version = read.object(item, at);
        return {
            id: read.string(version.VersionId, `${at}.VersionId`),
            isDefault: read.boolean(version.IsDefaultVersion, `${at}.IsDefaultVersion`),
            document: decodePolicyDocument(version.Document, file, `${at}.Document`),
        };
    });
    const defaults = versions.filter((v) => v.isDefault);
    if (defaults.length !== 1) {
        read.fail(`${place}.PolicyVersionList`, `must mark exactly one version IsDefaultVersion true, found ${defaults.length}`);
    }
    const defaultVersionId = read.optionalString(entry.DefaultVersionId, `${place}.DefaultVersionId`) ?? defaults[0].id;
    if (defaultVersionId !== defaults[0].id) {
        read.fail(`${place}.DefaultVersionId`, `is ${defaultVersionId} but the version marked default is ${defaults[0].id}`);
    }
    return {
        name: read.string(entry.PolicyName, `${place}.PolicyName`),
        arn: policyArn,
        path: iamPath(read, entry.Path, `${place}.Path`),
        awsManaged: /^arn:[\w-]+:iam::aws:policy\//.test(policyArn),
        defaultVersionId,
        defaultDocument: defaults[0].document,
        versions,
    };
}

function arn(read: JsonReader, value: unknown, place: string, kind: string): string {
    const text = read.string(value, place);
    if (!new RegExp(`^arn:[\\w-]+:iam::(\\d{12}|aws):${kind}/`).test(text)) {
        read.fail(place, `must be an IAM ${kind} ARN (arn:aws:iam::<account>:${kind}/...), found "${text}"`);
    }
    return text;
}

function iamPath(read: JsonReader, value: unknown, place: string): string {
    // An empty Path is "/" (some collectors write "" for the default path; IAM itself never returns "").
    const path = value === "" ? "/" : (read.optionalString(value, place) ?? "/");
    if (!path.startsWith("/") || !path.endsWith("/")) {
        read.fail(place, `must start and end with "/", found "${path}"`);
    }
    return path;
}

/** The one account every ARN of the file is in (AWS managed policies aside); two accounts are refused. */
function accountOf(read: JsonReader, lists: Record<string, readonly { arn: string }[]>): string | undefined {
    let account: string | undefined;
    let first = "";
    for (const [key, list] of Object.entries(lists)) {
        list.forEach(({ arn }, i) => {
            const found = /^arn:[\w-]+:iam::(\d{12}):/.exec(arn)?.[1];
            if (found === undefined) {
                return;
            }
            if (account === undefined) {
                account = found;
                first = `${key}[${i}]`;
            } else if (found !== account) {
                read.fail(`${key}[${i}].Arn`, `is in account ${found}, ${first} in ${account}: one file covers one account`);
            }
        });
    }
    return account;
}
