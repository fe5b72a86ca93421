/**
 * The watch's account, for its tests and the bench: AWS SDK v3 clients mocked with aws-sdk-client-mock. IAM answers
 * from a small mutable model (one item a page by default, so each paginator really pages; the bench uses IAM's default
 * of 100), DynamoDB keeps items and
 * honours the watch's two conditions, SNS records what is published. Each IAM call is counted by API.
 */
import { ConditionalCheckFailedException, DeleteItemCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import {
    AddUserToGroupCommand,
    GetAccountAuthorizationDetailsCommand,
    GetGroupCommand,
    GetGroupPolicyCommand,
    GetPolicyCommand,
    GetPolicyVersionCommand,
    GetRoleCommand,
    GetUserCommand,
    GetUserPolicyCommand,
    IAMClient,
    ListAttachedGroupPoliciesCommand,
    ListAttachedUserPoliciesCommand,
    ListEntitiesForPolicyCommand,
    ListGroupPoliciesCommand,
    ListGroupsForUserCommand,
    ListUserPoliciesCommand,
    NoSuchEntityException,
} from "@aws-sdk/client-iam";
import { PublishCommand, SNSClient } from "@aws-sdk/client-sns";
import { AwsClientStub, mockClient } from "aws-sdk-client-mock";
import { forceMfaPolicyDocument } from "../../program/enforcement/forceMfaPolicyDocument";

export const ACCOUNT = "123456789012";
export const TOPIC = `arn:aws:sns:eu-central-1:${ACCOUNT}:force-mfa-alerts`;
export const TABLE = "force-mfa-watch";
export const FORCE_MFA_ARN = `arn:aws:iam::${ACCOUNT}:policy/ForceMFA`;
export const ADMIN_ARN = "arn:aws:iam::aws:policy/AdministratorAccess";

type Doc = Record<string, unknown>;

export const ADMIN_DOCUMENT: Doc = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };
export const FORCE_MFA_DOCUMENT: Doc = forceMfaPolicyDocument({ allowPasswordChangeWithoutMfa: true, maxMfaAgeSeconds: 43200 }) as unknown as Doc;
export const MFA_TRUST: Doc = {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "sts:AssumeRole", Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } }],
};
export const OPEN_TRUST: Doc = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "sts:AssumeRole" }] };

export interface ModelUser {
    groups: string[];
    inline: Record<string, Doc>;
    attached: string[];
    boundary?: string;
}
export interface ModelGroup {
    inline: Record<string, Doc>;
    attached: string[];
}
export interface ModelPolicy {
    versions: Record<string, Doc>;
    defaultVersion: string;
}

const encode = (doc: Doc) => encodeURIComponent(JSON.stringify(doc));
const noSuch = (what: string) => new NoSuchEntityException({ message: `The ${what} cannot be found.`, $metadata: {} });

/** `size` items a page: `Marker` is the index of the next. */
function page<T>(items: readonly T[], marker: string | undefined, size: number): { items: T[]; IsTruncated: boolean; Marker?: string } {
    const at = marker === undefined ? 0 : Number(marker);
    const next = at + size;
    return { items: items.slice(at, next), IsTruncated: next < items.length, ...(next < items.length ? { Marker: String(next) } : {}) };
}

export class FakeAws {
    readonly iam: AwsClientStub<IAMClient>;
    readonly sns: AwsClientStub<SNSClient>;
    readonly ddb: AwsClientStub<DynamoDBClient>;
    readonly users = new Map<string, ModelUser>();
    readonly groups = new Map<string, ModelGroup>();
    readonly roles = new Map<string, Doc>();
    readonly policies = new Map<string, ModelPolicy>();
    readonly items = new Map<string, Record<string, { S: string }>>();
    readonly calls = new Map<string, number>();
    /** IAM calls to fail, by API and name (user, group or policy ARN), with the error to throw. */
    readonly failures: { api: string; name?: string; error: Error; times: number }[] = [];
    publishFailures = 0;

    /** `pageSize`: items per page of every IAM list. */
    constructor(private readonly pageSize = 1) {
        this.groups.set("mfa-enforced", { inline: {}, attached: [FORCE_MFA_ARN] });
        this.policies.set(FORCE_MFA_ARN, { versions: { v1: FORCE_MFA_DOCUMENT }, defaultVersion: "v1" });
        this.policies.set(ADMIN_ARN, { versions: { v1: ADMIN_DOCUMENT }, defaultVersion: "v1" });
        this.iam = mockClient(IAMClient);
        this.sns = mockClient(SNSClient);
        this.ddb = mockClient(DynamoDBClient);
        this.wireIam();
        this.sns.on(PublishCommand).callsFake(() => {
            if (this.publishFailures > 0) {
                this.publishFailures--;
                throw Object.assign(new Error("Rate exceeded"), { name: "ThrottledException" });
            }
            return { MessageId: "m" };
        });
        this.ddb.on(GetItemCommand).callsFake((input) => ({ Item: this.items.get(input.Key.principal.S) }));
        this.ddb.on(DeleteItemCommand).callsFake((input) => {
            this.items.delete(input.Key.principal.S);
            return {};
        });
        this.ddb.on(PutItemCommand).callsFake((input) => {
            const key = input.Item.principal.S;
            const current = this.items.get(key);
            const condition = input.ConditionExpression as string | undefined;
            const holds =
                condition === undefined ||
                (condition === "attribute_not_exists(principal)" && current === undefined) ||
                (condition === "#status = :previous" && current?.status.S === input.ExpressionAttributeValues[":previous"].S);
            if (!holds) {
                throw new ConditionalCheckFailedException({ message: "The conditional request failed", $metadata: {} });
            }
            this.items.set(key, input.Item);
            return {};
        });
    }

    /** Fresh clients, as the handler makes them: the stubs answer for every instance of their class. */
    clients(): { iam: IAMClient; sns: SNSClient; ddb: DynamoDBClient } {
        const config = { region: "eu-central-1", credentials: { accessKeyId: "AKIAFAKE", secretAccessKey: "fake" } };
        return { iam: new IAMClient(config), sns: new SNSClient(config), ddb: new DynamoDBClient(config) };
    }

    restore(): void {
        this.iam.restore();
        this.sns.restore();
        this.ddb.restore();
    }

    addUser(name: string, user: Partial<ModelUser> = {}): void {
        this.users.set(name, { groups: ["mfa-enforced"], inline: {}, attached: [], ...user });
    }

    /** Total IAM calls. */
    iamCalls(): number {
        return [...this.calls.values()].reduce((a, b) => a + b, 0);
    }

    published(): { Subject?: string; Message?: string }[] {
        return this.sns.commandCalls(PublishCommand).map((c) => c.args[0].input);
    }

    private members(group: string): string[] {
        return [...this.users].filter(([, u]) => u.groups.includes(group)).map(([n]) => n);
    }

    private on(api: string, command: any, answer: (input: any) => unknown): void {
        this.iam.on(command).callsFake((input: any) => {
            this.calls.set(api, (this.calls.get(api) ?? 0) + 1);
            const name = input.UserName ?? input.GroupName ?? input.RoleName ?? input.PolicyArn;
            const failure = this.failures.find((f) => f.api === api && (f.name === undefined || f.name === name) && f.times > 0);
            if (failure) {
                failure.times--;
                throw failure.error;
            }
            return answer(input);
        });
    }

    private user(name: string): ModelUser {
        const user = this.users.get(name);
        if (!user) {
            throw noSuch(`user with name ${name}`);
        }
        return user;
    }

    private group(name: string): ModelGroup {
        const group = this.groups.get(name);
        if (!group) {
            throw noSuch(`group with name ${name}`);
        }
        return group;
    }

    private policy(arn: string): ModelPolicy {
        const policy = this.policies.get(arn);
        if (!policy) {
            throw noSuch(`policy ${arn}`);
        }
        return policy;
    }

    private wireIam(): void {
        const arnOf = (kind: string, name: string) => `arn:aws:iam::${ACCOUNT}:${kind}/${name}`;
        const attachedList = (arns: string[]) => arns.map((arn) => ({ PolicyArn: arn, PolicyName: arn.split("/").pop() }));
        this.on("GetAccountAuthorizationDetails", GetAccountAuthorizationDetailsCommand, () => {
            throw new Error("the watch must not read the whole account");
        });
        this.on("AddUserToGroup", AddUserToGroupCommand, (i) => {
            const user = this.user(i.UserName);
            this.group(i.GroupName);
            if (!user.groups.includes(i.GroupName)) {
                user.groups.push(i.GroupName);
            }
            return {};
        });
        this.on("GetUser", GetUserCommand, (i) => {
            const user = this.user(i.UserName);
            return {
                User: {
                    UserName: i.UserName,
                    Arn: arnOf("user", i.UserName),
                    Path: "/",
                    CreateDate: new Date("2026-01-01T00:00:00Z"),
                    ...(user.boundary ? { PermissionsBoundary: { PermissionsBoundaryType: "Policy", PermissionsBoundaryArn: user.boundary } } : {}),
                },
            };
        });
        this.on("ListGroupsForUser", ListGroupsForUserCommand, (i) => {
            const p = page(this.user(i.UserName).groups, i.Marker, this.pageSize);
            return { Groups: p.items.map((g) => ({ GroupName: g, Arn: arnOf("group", g), Path: "/" })), IsTruncated: p.IsTruncated, Marker: p.Marker };
        });
        this.on("ListUserPolicies", ListUserPoliciesCommand, (i) => {
            const p = page(Object.keys(this.user(i.UserName).inline), i.Marker, this.pageSize);
            return { PolicyNames: p.items, IsTruncated: p.IsTruncated, Marker: p.Marker };
        });
        this.on("GetUserPolicy", GetUserPolicyCommand, (i) => ({ UserName: i.UserName, PolicyName: i.PolicyName, PolicyDocument: encode(this.user(i.UserName).inline[i.PolicyName]) }));
        this.on("ListAttachedUserPolicies", ListAttachedUserPoliciesCommand, (i) => {
            const p = page(attachedList(this.user(i.UserName).attached), i.Marker, this.pageSize);
            return { AttachedPolicies: p.items, IsTruncated: p.IsTruncated, Marker: p.Marker };
        });
        this.on("GetGroup", GetGroupCommand, (i) => {
            this.group(i.GroupName);
            const p = page(this.members(i.GroupName), i.Marker, this.pageSize);
            return { Group: { GroupName: i.GroupName, Arn: arnOf("group", i.GroupName), Path: "/" }, Users: p.items.map((u) => ({ UserName: u })), IsTruncated: p.IsTruncated, Marker: p.Marker };
        });
        this.on("ListGroupPolicies", ListGroupPoliciesCommand, (i) => {
            const p = page(Object.keys(this.group(i.GroupName).inline), i.Marker, this.pageSize);
            return { PolicyNames: p.items, IsTruncated: p.IsTruncated, Marker: p.Marker };
        });
        this.on("GetGroupPolicy", GetGroupPolicyCommand, (i) => ({ GroupName: i.GroupName, PolicyName: i.PolicyName, PolicyDocument: encode(this.group(i.GroupName).inline[i.PolicyName]) }));
        this.on("ListAttachedGroupPolicies", ListAttachedGroupPoliciesCommand, (i) => {
            const p = page(attachedList(this.group(i.GroupName).attached), i.Marker, this.pageSize);
            return { AttachedPolicies: p.items, IsTruncated: p.IsTruncated, Marker: p.Marker };
        });
        this.on("GetRole", GetRoleCommand, (i) => {
            const trust = this.roles.get(i.RoleName);
            if (!trust) {
                throw noSuch(`role with name ${i.RoleName}`);
            }
            return { Role: { RoleName: i.RoleName, Arn: arnOf("role", i.RoleName), Path: "/", CreateDate: new Date("2026-01-01T00:00:00Z"), AssumeRolePolicyDocument: encode(trust) } };
        });
        this.on("GetPolicy", GetPolicyCommand, (i) => {
            const policy = this.policy(i.PolicyArn);
            return { Policy: { PolicyName: i.PolicyArn.split("/").pop(), Arn: i.PolicyArn, Path: "/", DefaultVersionId: policy.defaultVersion } };
        });
        this.on("GetPolicyVersion", GetPolicyVersionCommand, (i) => {
            const policy = this.policy(i.PolicyArn);
            return { PolicyVersion: { VersionId: i.VersionId, IsDefaultVersion: i.VersionId === policy.defaultVersion, Document: encode(policy.versions[i.VersionId]) } };
        });
        this.on("ListEntitiesForPolicy", ListEntitiesForPolicyCommand, (i) => {
            this.policy(i.PolicyArn);
            const entities = [
                ...[...this.users].filter(([, u]) => u.attached.includes(i.PolicyArn) || u.boundary === i.PolicyArn).map(([n]) => ({ user: n })),
                ...[...this.groups].filter(([, g]) => g.attached.includes(i.PolicyArn)).map(([n]) => ({ group: n })),
            ];
            const p = page(entities, i.Marker, this.pageSize);
            return {
                PolicyUsers: p.items.filter((e) => "user" in e).map((e) => ({ UserName: (e as { user: string }).user })),
                PolicyGroups: p.items.filter((e) => "group" in e).map((e) => ({ GroupName: (e as { group: string }).group })),
                PolicyRoles: [],
                IsTruncated: p.IsTruncated,
                Marker: p.Marker,
            };
        });
    }
}
