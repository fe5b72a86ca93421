/**
 * What an invoke answers offline: the user's fixture for its token; else a built-in answer (the account facts the run
 * assumes, the existing users, `aws.iam.getPolicyDocument` computed as the provider computes it); else nothing — the
 * run stops naming the token and where the program called it, unless empty answers were asked for.
 */
import { CaptureJob, UnansweredInvoke } from "./capturedResource";
import { policyDocumentResult } from "./policyDocumentInvoke";
import { MOCK_ACCOUNT } from "./synthesizedOutputs";

export const POLICY_DOCUMENT_TOKEN = "aws:iam/getPolicyDocument:getPolicyDocument";

function builtIn(job: CaptureJob, token: string, inputs: Record<string, unknown>, region: string): Record<string, unknown> | undefined {
    switch (token) {
        case "aws:index/getCallerIdentity:getCallerIdentity":
            return { accountId: MOCK_ACCOUNT, arn: `arn:aws:iam::${MOCK_ACCOUNT}:user/offline-preview`, userId: "AIDAOFFLINEPREVIEW", id: MOCK_ACCOUNT };
        case "aws:index/getRegion:getRegion":
            return { name: region, region, id: region, description: region, endpoint: `ec2.${region}.amazonaws.com` };
        case "aws:index/getPartition:getPartition":
            return { partition: "aws", dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws", id: "aws" };
        case "aws:iam/getUsers:getUsers": {
            const users = job.existingUsers;
            return {
                id: "users",
                names: users.map((u) => u.name),
                arns: users.map((u) => u.arn ?? `arn:aws:iam::${MOCK_ACCOUNT}:user${u.path ?? "/"}${u.name}`),
            };
        }
        case POLICY_DOCUMENT_TOKEN:
            return policyDocumentResult(inputs);
        default:
            return undefined;
    }
}

export class InvokeAnswers {
    /** Call sites noted as the program calls (the mock only sees the token, later and without the program's stack). */
    private readonly sites = new Map<string, string[]>();
    readonly unanswered: UnansweredInvoke[] = [];
    /** Tokens answered with `{}` because the user allowed it. */
    readonly answeredEmpty = new Set<string>();

    constructor(
        private readonly job: CaptureJob,
        private readonly region: string,
        /** The answer to an invoke nothing answers: an empty value of each field its result declares. */
        private readonly emptyAnswer: (token: string) => Record<string, unknown> = () => ({}),
    ) {}

    noteCallSite(token: string, site: string | undefined): void {
        const sites = this.sites.get(token) ?? [];
        if (site && !sites.includes(site)) {
            sites.push(site);
        }
        this.sites.set(token, sites);
    }

    /** `self`: for a resource method call, the URN of the resource it was called on (its `__self__`). */
    answer(token: string, inputs: Record<string, unknown>, self?: string): Record<string, unknown> {
        const fixture = this.job.invokeFixtures?.[token];
        if (fixture !== undefined) {
            return fixture as Record<string, unknown>;
        }
        const known = builtIn(this.job, token, inputs, this.region);
        if (known !== undefined) {
            return known;
        }
        if (this.job.allowEmptyInvokes) {
            this.answeredEmpty.add(token);
        } else {
            const known = this.unanswered.find((u) => u.token === token);
            const entry = known ?? { token, sites: [] };
            if (!known) {
                this.unanswered.push(entry);
            }
            if (self && !(entry.resources ?? []).includes(self)) {
                entry.resources = [...(entry.resources ?? []), self];
            }
        }
        return this.emptyAnswer(token);
    }

    /** The unanswered invokes with every place the program called them. */
    unansweredWithSites(): UnansweredInvoke[] {
        return this.unanswered.map((u) => ({ ...u, sites: this.sites.get(u.token) ?? [] }));
    }

    /** Where the program first called a token (for an invoke's error, which the SDK raises far from the call). */
    siteOf(token: string): string | undefined {
        return this.sites.get(token)?.[0];
    }
}
