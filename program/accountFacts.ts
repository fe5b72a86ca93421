/**
 * What the program reads from the account before it registers anything: invokes, so it is known during preview too.
 * Every capability's checks and deploy take these facts.
 */
import * as aws from "@pulumi/aws";
import { lookUpOrganization, OrganizationFacts } from "./organization/organizationFacts";

export interface ExistingUser {
    readonly name: string;
    readonly path: string;
    readonly arn: string;
}

export interface AccountFacts {
    readonly accountId: string;
    /** `aws`, `aws-cn`, `aws-us-gov`, … read off the caller's ARN. */
    readonly partition?: string;
    readonly region: string;
    readonly existingUsers: readonly ExistingUser[];
    /** Read only for a stack with an organization section (the management account's). */
    readonly organization?: OrganizationFacts;
    /** The run's date (UTC, YYYY-MM-DD), against which exemptions expire; the clock's when left out. */
    readonly today?: string;
}

/** `arn:aws:iam::123456789012:user/eng/alice` → path `/eng/`. */
export function pathOfUserArn(arn: string): string {
    const resource = arn.split(":").slice(5).join(":");
    const segments = resource.split("/");
    return segments.length > 2 ? `/${segments.slice(1, -1).join("/")}/` : "/";
}

/** Reads what the program needs from the account. Invokes run during preview too, so all of this is known then. */
export async function lookUpAccount(options: { organization?: boolean } = {}): Promise<AccountFacts> {
    const [identity, region, users, organization] = await Promise.all([
        aws.getCallerIdentity({}),
        aws.getRegion({}),
        aws.iam.getUsers({}),
        options.organization ? lookUpOrganization() : undefined,
    ]);
    return {
        ...(organization ? { organization } : {}),
        accountId: identity.accountId,
        partition: identity.arn.split(":")[1],
        region: region.region,
        existingUsers: users.names.map((name, i) => ({ name, arn: users.arns[i], path: pathOfUserArn(users.arns[i] ?? "") })),
    };
}

/** The account is in a partition whose ARNs this program does not build (it writes `arn:aws:` throughout). */
export class UnsupportedPartitionError extends Error {
    constructor(partition: string) {
        super(`this account is in the "${partition}" partition; force-mfa builds its policies for the commercial "aws" partition only, so nothing was created`);
        this.name = "UnsupportedPartitionError";
    }
}

/** Policies with arn:aws: resources would silently match nothing in aws-cn or aws-us-gov: stop before anything. */
export function requireAwsPartition(account: AccountFacts): void {
    if (account.partition !== undefined && account.partition !== "aws") {
        throw new UnsupportedPartitionError(account.partition);
    }
}
