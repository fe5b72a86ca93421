/**
 * Reads the account as the account audit does — the authorization details and the credential report — through AWS
 * SDK v3, and hands the pages to the audit's own parsers.
 */
import {
    GenerateCredentialReportCommand,
    GetCredentialReportCommand,
    IAMClient,
    ListMFADevicesCommand,
    paginateGetAccountAuthorizationDetails,
    paginateListVirtualMFADevices,
} from "@aws-sdk/client-iam";
import { AuthorizationDetails, parseAuthorizationDetails } from "../../../account";
import { CredentialReport, parseCredentialReport } from "../../../account";

export interface AccountSnapshot {
    readonly details: AuthorizationDetails;
    readonly report: CredentialReport;
    readonly raw: AccountAnswers;
}

export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Asks IAM for a credential report (at most 4 hours old) and waits until it is complete. */
async function credentialReportCsv(iam: IAMClient, sleep: Sleep): Promise<string> {
    for (let attempt = 0; attempt < 30; attempt++) {
        const generated = await iam.send(new GenerateCredentialReportCommand({}));
        if (generated.State === "COMPLETE") {
            const report = await iam.send(new GetCredentialReportCommand({}));
            if (!report.Content) {
                throw new Error("GetCredentialReport returned no content");
            }
            return new TextDecoder().decode(report.Content);
        }
        await sleep(2000);
    }
    throw new Error("the credential report was not complete after 30 attempts");
}

/** The answers as read, for the account audit report and for the organization audit's item (program/organization/audit). */
export interface AccountAnswers {
    readonly authorizationDetailsPages: unknown[];
    readonly credentialReportCsv: string;
    readonly virtualMfaDevices: { readonly VirtualMFADevices: unknown[] };
}

/** The credential report (complete), every page of the authorization details, every virtual MFA device. */
export async function readAccountAnswers(iam: IAMClient, sleep: Sleep = realSleep): Promise<AccountAnswers> {
    const csv = await credentialReportCsv(iam, sleep);
    const pages: unknown[] = [];
    for await (const page of paginateGetAccountAuthorizationDetails(
        { client: iam },
        { Filter: ["User", "Group", "Role", "LocalManagedPolicy", "AWSManagedPolicy"] },
    )) {
        const { $metadata, ...content } = page;
        pages.push(content);
    }
    const devices: unknown[] = [];
    for await (const page of paginateListVirtualMFADevices({ client: iam }, {})) {
        devices.push(...(page.VirtualMFADevices ?? []));
    }
    return { authorizationDetailsPages: pages, credentialReportCsv: csv, virtualMfaDevices: { VirtualMFADevices: devices } };
}

export async function readAccount(iam: IAMClient, sleep: Sleep = realSleep): Promise<AccountSnapshot> {
    const raw = await readAccountAnswers(iam, sleep);
    return {
        details: parseAuthorizationDetails(raw.authorizationDetailsPages, "GetAccountAuthorizationDetails"),
        report: parseCredentialReport(raw.credentialReportCsv, "GetCredentialReport"),
        raw,
    };
}

/** The user's devices now: the credential report may be up to 4 hours old, and nobody is acted on for a stale row. */
export async function hasMfaDeviceNow(iam: IAMClient, userName: string): Promise<boolean> {
    const answer = await iam.send(new ListMFADevicesCommand({ UserName: userName }));
    return (answer.MFADevices ?? []).length > 0;
}
