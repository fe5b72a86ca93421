/**
 * The AWS the organization audit's functions meet, behind SDK v3 clients mocked with aws-sdk-client-mock: S3 keeps
 * objects (and lists them), STS answers AssumeRole, each member account's IAM answers from its own small export (the
 * account is told by the credentials the IAM client was made with).
 */
import { GenerateCredentialReportCommand, GetAccountAuthorizationDetailsCommand, GetCredentialReportCommand, IAMClient, ListVirtualMFADevicesCommand } from "@aws-sdk/client-iam";
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { AwsClientStub, mockClient } from "aws-sdk-client-mock";
import { AccountClients, AccountCredentials } from "../../../../../program/organization/audit/handler/auditAccount";
import { AuditJobSettings } from "../../../../../program/organization/audit/handler/auditSettings";
import { ACCOUNT as FIXTURE_ACCOUNT, authorizationDetails, credentialReportCsv, FixtureUser } from "../../../enrollmentWindow/accountFixture";

export const AUDITOR = "999988887777";
export const BUCKET = `force-mfa-org-audit-${AUDITOR}-eu-central-1`;
export const ROLE_NAME = "force-mfa-organization-audit";
export const NOW = new Date("2026-12-07T06:00:00Z");
export const SETTINGS: AuditJobSettings = { bucketName: BUCKET, auditAccountId: AUDITOR, roleName: ROLE_NAME, targets: ["root"], securityHub: false };

/** A fixture account's export and report with its account id replaced. */
export function accountAnswers(accountId: string, users: readonly FixtureUser[], roles: readonly string[] = []) {
    const swap = <T>(value: T): T => JSON.parse(JSON.stringify(value).split(FIXTURE_ACCOUNT).join(accountId));
    const details: Omit<ReturnType<typeof authorizationDetails>, "RoleDetailList"> & { RoleDetailList: unknown[] } = swap(authorizationDetails(users, NOW));
    details.RoleDetailList = roles.map((name) => ({
        Path: "/",
        RoleName: name,
        RoleId: `AROA${name.toUpperCase().replace(/[^A-Z]/g, "")}`,
        Arn: `arn:aws:iam::${accountId}:role/${name}`,
        CreateDate: "2026-01-01T00:00:00+00:00",
        AssumeRolePolicyDocument: encodeURIComponent(
            JSON.stringify({
                Version: "2012-10-17",
                Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${AUDITOR}:root` }, Action: "sts:AssumeRole", Condition: { ArnEquals: { "aws:PrincipalArn": `arn:aws:iam::${AUDITOR}:role/force-mfa-org-audit-account` } } }],
            }),
        ),
        RolePolicyList: [],
        AttachedManagedPolicies: [],
        InstanceProfileList: [],
        Tags: [],
    }));
    return { details, csv: credentialReportCsv(users, NOW).split(FIXTURE_ACCOUNT).join(accountId) };
}

export class FakeOrganization {
    readonly s3: AwsClientStub<S3Client>;
    readonly sts: AwsClientStub<STSClient>;
    readonly iam: AwsClientStub<IAMClient>;
    readonly objects = new Map<string, string>();
    /** Each account's IAM: its export split into pages of `pageSize` users. */
    readonly accounts = new Map<string, { users: FixtureUser[]; roles: string[] }>();
    /** The credentials each IAM client was made with (undefined: the function's own). */
    readonly iamCredentials: (AccountCredentials | undefined)[] = [];
    pageSize = 1000;

    constructor() {
        this.s3 = mockClient(S3Client);
        this.sts = mockClient(STSClient);
        this.iam = mockClient(IAMClient);
        this.s3.on(PutObjectCommand).callsFake((input) => {
            this.objects.set(input.Key, String(input.Body));
            return {};
        });
        this.s3.on(GetObjectCommand).callsFake((input) => {
            const text = this.objects.get(input.Key);
            if (text === undefined) {
                throw Object.assign(new Error("The specified key does not exist."), { name: "NoSuchKey" });
            }
            return { Body: { transformToString: async () => text } };
        });
        // Pages of two keys, so the report function must follow continuation tokens.
        this.s3.on(ListObjectsV2Command).callsFake((input) => {
            const keys = [...this.objects.keys()].filter((k) => k.startsWith(input.Prefix ?? "")).sort();
            const start = input.ContinuationToken ? Number(input.ContinuationToken) : 0;
            const page = keys.slice(start, start + 2);
            const more = start + 2 < keys.length;
            return { Contents: page.map((Key) => ({ Key })), IsTruncated: more, ...(more ? { NextContinuationToken: String(start + 2) } : {}) };
        });
        this.sts.on(AssumeRoleCommand).callsFake((input) => {
            const accountId = /^arn:aws:iam::(\d{12}):role\//.exec(input.RoleArn)![1];
            return { Credentials: { AccessKeyId: `ASIA${accountId}`, SecretAccessKey: "secret", SessionToken: "token", Expiration: NOW } };
        });
        this.iam.on(GenerateCredentialReportCommand).resolves({ State: "COMPLETE" });
        this.answerAsCurrent();
    }

    /** The account whose IAM answers: the one whose credentials made the last client, else the auditing account. */
    private current = AUDITOR;
    /** The Marker of each GetAccountAuthorizationDetails call (the paginator reuses its input object). */
    readonly markers: (string | undefined)[] = [];

    clients(): AccountClients {
        return {
            s3: new S3Client({ region: "eu-central-1" }),
            sts: new STSClient({ region: "eu-central-1" }),
            iam: (credentials) => {
                this.iamCredentials.push(credentials);
                this.current = credentials ? credentials.accessKeyId.slice(4) : AUDITOR;
                return new IAMClient({ region: "us-east-1" });
            },
        };
    }

    add(accountId: string, users: FixtureUser[], roles: string[] = []): void {
        this.accounts.set(accountId, { users, roles });
    }

    private answers() {
        const account = this.accounts.get(this.current);
        if (!account) {
            throw new Error(`no fake account ${this.current}`);
        }
        return accountAnswers(this.current, account.users, account.roles);
    }

    /** IAM answers as the current account; a test may replace any of them (rejects) afterwards. */
    private answerAsCurrent(): void {
        this.iam.on(GetCredentialReportCommand).callsFake(() => ({ Content: new TextEncoder().encode(this.answers().csv), ReportFormat: "text/csv", GeneratedTime: NOW }));
        this.iam.on(GetAccountAuthorizationDetailsCommand).callsFake((input) => {
            this.markers.push(input.Marker);
            const details = this.answers().details;
            const start = input.Marker ? Number(input.Marker) : 0;
            const more = start + this.pageSize < details.UserDetailList.length;
            // Roles, groups and policies come with the first page.
            return {
                ...details,
                UserDetailList: details.UserDetailList.slice(start, start + this.pageSize),
                RoleDetailList: start === 0 ? details.RoleDetailList : [],
                IsTruncated: more,
                ...(more ? { Marker: String(start + this.pageSize) } : {}),
            };
        });
        this.iam.on(ListVirtualMFADevicesCommand).resolves({ VirtualMFADevices: [], IsTruncated: false });
    }

    json(key: string): any {
        const text = this.objects.get(key);
        if (text === undefined) {
            throw new Error(`no object ${key} (have ${[...this.objects.keys()].join(", ")})`);
        }
        return JSON.parse(text);
    }

    restore(): void {
        this.s3.restore();
        this.sts.restore();
        this.iam.restore();
    }
}
