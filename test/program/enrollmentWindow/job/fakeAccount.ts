/**
 * An account behind AWS SDK v3 clients mocked with aws-sdk-client-mock: IAM answers from a small mutable state (so a
 * second run sees what the first one wrote), S3 keeps objects, SNS records what is published.
 */
import {
    AddUserToGroupCommand,
    GenerateCredentialReportCommand,
    GetAccountAuthorizationDetailsCommand,
    GetCredentialReportCommand,
    IAMClient,
    ListAccessKeysCommand,
    ListMFADevicesCommand,
    ListUserTagsCommand,
    ListVirtualMFADevicesCommand,
    TagUserCommand,
    UpdateAccessKeyCommand,
} from "@aws-sdk/client-iam";
import { GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { PublishCommand, SNSClient } from "@aws-sdk/client-sns";
import { AwsClientStub, mockClient } from "aws-sdk-client-mock";
import { authorizationDetails, credentialReportCsv, FixtureUser } from "../accountFixture";

export const IAM_WRITES = [TagUserCommand, AddUserToGroupCommand, UpdateAccessKeyCommand] as const;

export class FakeAccount {
    readonly iam: AwsClientStub<IAMClient>;
    readonly sns: AwsClientStub<SNSClient>;
    readonly s3: AwsClientStub<S3Client>;
    readonly objects = new Map<string, string>();
    readonly tags = new Map<string, Record<string, string>>();
    readonly groups = new Map<string, string[]>();
    readonly keys = new Map<string, { AccessKeyId: string; Status: "Active" | "Inactive" }[]>();
    /** Users whose device the credential report does not show yet. */
    readonly enrolledSinceReport = new Set<string>();
    generateAttempts = 0;

    constructor(
        readonly users: FixtureUser[],
        public now: Date,
    ) {
        for (const u of users) {
            this.groups.set(u.name, [...(u.groups ?? ["mfa-enforced"])]);
            this.keys.set(
                u.name,
                (u.accessKeys ?? []).map((active, i) => ({ AccessKeyId: `AKIA${u.name.toUpperCase()}${i + 1}`, Status: active ? "Active" : "Inactive" })),
            );
        }
        // Each stub is a fresh mock of the client class (reset here), which the code under test instantiates itself.
        this.iam = mockClient(IAMClient);
        this.sns = mockClient(SNSClient);
        this.s3 = mockClient(S3Client);
        this.iam.on(GenerateCredentialReportCommand).callsFake(() => ({ State: this.generateAttempts++ === 0 ? "STARTED" : "COMPLETE" }));
        this.iam.on(GetCredentialReportCommand).callsFake(() => ({
            Content: new TextEncoder().encode(credentialReportCsv(this.users, this.now)),
            ReportFormat: "text/csv",
            GeneratedTime: this.now,
        }));
        this.iam.on(GetAccountAuthorizationDetailsCommand).callsFake(() => {
            const page = authorizationDetails(this.users, this.now);
            page.UserDetailList.forEach((u) => (u.GroupList = [...this.groups.get(u.UserName)!]));
            return page;
        });
        this.iam.on(ListVirtualMFADevicesCommand).resolves({ VirtualMFADevices: [], IsTruncated: false });
        this.iam.on(ListMFADevicesCommand).callsFake((input) => {
            const user = this.users.find((u) => u.name === input.UserName)!;
            const has = user.mfa || this.enrolledSinceReport.has(user.name);
            return { MFADevices: has ? [{ UserName: user.name, SerialNumber: `arn:aws:iam::123456789012:mfa/${user.name}`, EnableDate: this.now }] : [], IsTruncated: false };
        });
        this.iam.on(ListUserTagsCommand).callsFake((input) => ({
            Tags: Object.entries(this.tags.get(input.UserName!) ?? {}).map(([Key, Value]) => ({ Key, Value })),
            IsTruncated: false,
        }));
        this.iam.on(ListAccessKeysCommand).callsFake((input) => ({ AccessKeyMetadata: this.keys.get(input.UserName!)!.map((k) => ({ ...k, UserName: input.UserName })) }));
        this.iam.on(TagUserCommand).callsFake((input) => {
            const tags = this.tags.get(input.UserName!) ?? {};
            for (const t of input.Tags ?? []) {
                tags[t.Key!] = t.Value!;
            }
            this.tags.set(input.UserName!, tags);
            return {};
        });
        this.iam.on(AddUserToGroupCommand).callsFake((input) => {
            const groups = this.groups.get(input.UserName!)!;
            if (!groups.includes(input.GroupName!)) {
                groups.push(input.GroupName!);
            }
            return {};
        });
        this.iam.on(UpdateAccessKeyCommand).callsFake((input) => {
            const key = this.keys.get(input.UserName!)!.find((k) => k.AccessKeyId === input.AccessKeyId)!;
            key.Status = input.Status as "Active" | "Inactive";
            return {};
        });
        this.s3.on(GetObjectCommand).callsFake((input) => {
            const text = this.objects.get(`${input.Bucket}/${input.Key}`);
            if (text === undefined) {
                throw new NoSuchKey({ message: "The specified key does not exist.", $metadata: {} });
            }
            return { Body: { transformToString: async () => text } };
        });
        this.s3.on(PutObjectCommand).callsFake((input) => {
            this.objects.set(`${input.Bucket}/${input.Key}`, String(input.Body));
            return {};
        });
        this.sns.on(PublishCommand).resolves({ MessageId: "m-1" });
    }

    /** Forget the calls seen so far (the state stays), before a second run. */
    resetHistory(): void {
        this.iam.resetHistory();
        this.sns.resetHistory();
        this.s3.resetHistory();
        this.generateAttempts = 1;
    }

    restore(): void {
        this.iam.restore();
        this.sns.restore();
        this.s3.restore();
    }

    clients() {
        return { iam: new IAMClient({ region: "us-east-1" }), sns: new SNSClient({ region: "eu-central-1" }), s3: new S3Client({ region: "eu-central-1" }) };
    }

    writes() {
        return IAM_WRITES.flatMap((command) => this.iam.commandCalls(command as any).map((call) => ({ command: command.name, input: call.args[0].input })));
    }
}
