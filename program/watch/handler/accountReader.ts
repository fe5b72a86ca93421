/**
 * The IAM reads of one batch, the fewest that judge the principals it affects: a user is its GetUser, its groups,
 * inline and attached policies, and each group's; a role is its GetRole (the judgement of a role rests on its trust);
 * a managed policy is its GetPolicy and default version, read once per batch however many principals hold it. Every
 * list is paginated. What is read is handed to the account library's parser as a GetAccountAuthorizationDetails page
 * holding only these principals, so the judgement is the audit's own.
 */
import {
    GetGroupPolicyCommand,
    GetPolicyCommand,
    GetPolicyVersionCommand,
    GetRoleCommand,
    GetUserCommand,
    GetUserPolicyCommand,
    IAMClient,
    paginateGetGroup,
    paginateListAttachedGroupPolicies,
    paginateListAttachedUserPolicies,
    paginateListEntitiesForPolicy,
    paginateListGroupPolicies,
    paginateListGroupsForUser,
    paginateListUserPolicies,
} from "@aws-sdk/client-iam";

type Page = Record<string, unknown>;

export function isNoSuchEntity(err: unknown): boolean {
    return (err as { name?: string })?.name === "NoSuchEntityException" || (err as { name?: string })?.name === "NoSuchEntity";
}

/** A principal read for judgement, or known to be gone. */
export type ReadPrincipal = { readonly found: true; readonly entry: Page } | { readonly found: false };

export interface PolicyHolders {
    readonly users: readonly string[];
    readonly groups: readonly string[];
    readonly roles: readonly string[];
}

export class AccountReader {
    /** IAM calls made, by command (for the log and the bench). */
    readonly calls = new Map<string, number>();
    private readonly groups = new Map<string, Promise<Page>>();
    private readonly policies = new Map<string, Promise<Page>>();

    constructor(private readonly iam: IAMClient) {}

    private count(command: string, n = 1): void {
        this.calls.set(command, (this.calls.get(command) ?? 0) + n);
    }

    private async send<T>(label: string, run: () => Promise<T>): Promise<T> {
        this.count(label);
        return run();
    }

    private async pages<P>(label: string, paginator: AsyncIterable<P>): Promise<P[]> {
        const all: P[] = [];
        for await (const page of paginator) {
            this.count(label);
            all.push(page);
        }
        return all;
    }

    /** Each inline policy by name, one call each (IAM has no call that returns them all). */
    private async inlinePolicies(label: string, names: readonly string[], get: (name: string) => Promise<{ PolicyDocument?: string }>): Promise<Page[]> {
        const inline = [];
        for (const policyName of names) {
            const answer = await this.send(label, () => get(policyName));
            inline.push({ PolicyName: policyName, PolicyDocument: answer.PolicyDocument });
        }
        return inline;
    }

    async user(name: string): Promise<ReadPrincipal> {
        let user;
        try {
            const command = new GetUserCommand({ UserName: name });
            user = (await this.send("GetUser", () => this.iam.send(command))).User!;
        } catch (err) {
            if (isNoSuchEntity(err)) {
                return { found: false };
            }
            throw err;
        }
        const userName = user.UserName!;
        const client = { client: this.iam };
        const groupPages = await this.pages("ListGroupsForUser", paginateListGroupsForUser(client, { UserName: userName }));
        const groups = groupPages.flatMap((p) => p.Groups ?? []);
        const inlineNames = (await this.pages("ListUserPolicies", paginateListUserPolicies(client, { UserName: userName }))).flatMap((p) => p.PolicyNames ?? []);
        const inline = await this.inlinePolicies("GetUserPolicy", inlineNames, (PolicyName) => this.iam.send(new GetUserPolicyCommand({ UserName: userName, PolicyName })));
        const attached = (await this.pages("ListAttachedUserPolicies", paginateListAttachedUserPolicies(client, { UserName: userName }))).flatMap((p) => p.AttachedPolicies ?? []);
        // Everything the user's judgement needs is read here, so a failed read fails this user's messages alone.
        const arns = new Set([...attached.map((a) => a.PolicyArn!), ...(user.PermissionsBoundary?.PermissionsBoundaryArn ? [user.PermissionsBoundary.PermissionsBoundaryArn] : [])]);
        for (const group of groups) {
            const entry = await this.groupEntry(group.GroupName!, group.Arn!, group.Path);
            (entry.AttachedManagedPolicies as { PolicyArn?: string }[]).forEach((a) => arns.add(a.PolicyArn!));
        }
        for (const arn of arns) {
            await this.policyEntry(arn);
        }
        return {
            found: true,
            entry: {
                UserName: userName,
                Arn: user.Arn,
                Path: user.Path,
                CreateDate: user.CreateDate,
                GroupList: groups.map((g) => g.GroupName),
                UserPolicyList: inline,
                AttachedManagedPolicies: attached,
                ...(user.PermissionsBoundary ? { PermissionsBoundary: user.PermissionsBoundary } : {}),
            },
        };
    }

    async role(name: string): Promise<ReadPrincipal> {
        try {
            const command = new GetRoleCommand({ RoleName: name });
            const role = (await this.send("GetRole", () => this.iam.send(command))).Role!;
            return {
                found: true,
                entry: {
                    RoleName: role.RoleName,
                    Arn: role.Arn,
                    Path: role.Path,
                    CreateDate: role.CreateDate,
                    AssumeRolePolicyDocument: role.AssumeRolePolicyDocument,
                    // A role's verdict rests on its trust: its permission policies are not read.
                    RolePolicyList: [],
                    AttachedManagedPolicies: [],
                    ...(role.PermissionsBoundary ? { PermissionsBoundary: role.PermissionsBoundary } : {}),
                },
            };
        } catch (err) {
            if (isNoSuchEntity(err)) {
                return { found: false };
            }
            throw err;
        }
    }

    /** A group's own documents, read once per batch. */
    private groupEntry(name: string, arn: string, path: string | undefined): Promise<Page> {
        const key = name.toLowerCase();
        let entry = this.groups.get(key);
        if (entry === undefined) {
            entry = (async () => {
                const client = { client: this.iam };
                const names = (await this.pages("ListGroupPolicies", paginateListGroupPolicies(client, { GroupName: name }))).flatMap((p) => p.PolicyNames ?? []);
                const inline = await this.inlinePolicies("GetGroupPolicy", names, (PolicyName) => this.iam.send(new GetGroupPolicyCommand({ GroupName: name, PolicyName })));
                const attached = (await this.pages("ListAttachedGroupPolicies", paginateListAttachedGroupPolicies(client, { GroupName: name }))).flatMap((p) => p.AttachedPolicies ?? []);
                return { GroupName: name, Arn: arn, Path: path, GroupPolicyList: inline, AttachedManagedPolicies: attached };
            })();
            this.groups.set(key, entry);
            // A failed read is not kept: the next principal of the batch that needs the group reads it again.
            entry.catch(() => this.groups.delete(key));
        }
        return entry;
    }

    /** A managed policy with its default version, read once per batch. */
    private policyEntry(arn: string): Promise<Page> {
        let entry = this.policies.get(arn);
        if (entry === undefined) {
            entry = (async () => {
                const get = new GetPolicyCommand({ PolicyArn: arn });
                const policy = (await this.send("GetPolicy", () => this.iam.send(get))).Policy!;
                const version = new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: policy.DefaultVersionId });
                const answer = (await this.send("GetPolicyVersion", () => this.iam.send(version))).PolicyVersion!;
                return {
                    PolicyName: policy.PolicyName,
                    Arn: policy.Arn,
                    Path: policy.Path,
                    DefaultVersionId: policy.DefaultVersionId,
                    PolicyVersionList: [{ VersionId: answer.VersionId, IsDefaultVersion: true, Document: answer.Document }],
                };
            })();
            this.policies.set(arn, entry);
            entry.catch(() => this.policies.delete(arn));
        }
        return entry;
    }

    /** The members of a group; undefined when the group is gone. */
    async groupMembers(name: string): Promise<string[] | undefined> {
        try {
            const pages = await this.pages("GetGroup", paginateGetGroup({ client: this.iam }, { GroupName: name }));
            return pages.flatMap((p) => (p.Users ?? []).map((u) => u.UserName!));
        } catch (err) {
            if (isNoSuchEntity(err)) {
                return undefined;
            }
            throw err;
        }
    }

    /** Every principal a managed policy is attached to, as a permissions policy or a boundary. */
    async policyHolders(arn: string): Promise<PolicyHolders> {
        try {
            const pages = await this.pages("ListEntitiesForPolicy", paginateListEntitiesForPolicy({ client: this.iam }, { PolicyArn: arn }));
            return {
                users: pages.flatMap((p) => (p.PolicyUsers ?? []).map((u) => u.UserName!)),
                groups: pages.flatMap((p) => (p.PolicyGroups ?? []).map((g) => g.GroupName!)),
                roles: pages.flatMap((p) => (p.PolicyRoles ?? []).map((r) => r.RoleName!)),
            };
        } catch (err) {
            if (isNoSuchEntity(err)) {
                return { users: [], groups: [], roles: [] };
            }
            throw err;
        }
    }

    /**
     * The read users and roles as one GetAccountAuthorizationDetails page, with the groups the users are in and every
     * managed policy they or their groups hold (default version only, the one IAM applies), all read by user().
     */
    async authorizationDetails(users: readonly Page[], roles: readonly Page[]): Promise<Page> {
        const groupNames = new Set(users.flatMap((u) => (u.GroupList as string[]).map((g) => g.toLowerCase())));
        const groups = await Promise.all([...this.groups].filter(([key]) => groupNames.has(key)).map(([, entry]) => entry));
        const arns = new Set<string>();
        for (const holder of [...users, ...groups]) {
            (holder.AttachedManagedPolicies as { PolicyArn?: string }[]).forEach((a) => arns.add(a.PolicyArn!));
            const boundary = (holder.PermissionsBoundary as { PermissionsBoundaryArn?: string } | undefined)?.PermissionsBoundaryArn;
            if (boundary) {
                arns.add(boundary);
            }
        }
        const policies = await Promise.all([...arns].map((arn) => this.policyEntry(arn)));
        return { UserDetailList: users, GroupDetailList: groups, RoleDetailList: roles, Policies: policies, IsTruncated: false };
    }
}
