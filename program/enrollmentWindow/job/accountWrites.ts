/**
 * The job's reads of one user's current state and its writes, through AWS SDK v3 — the only IAM changes it makes.
 */
import { AddUserToGroupCommand, IAMClient, ListAccessKeysCommand, ListUserTagsCommand, TagUserCommand, UpdateAccessKeyCommand } from "@aws-sdk/client-iam";
import { AccountWrite, FLAGGED_TAG, UserWriteState } from "../enrollmentWrites";

/** Tag and keys as they are now; membership comes from the authorization details read in the same run. */
export async function readUserWriteState(iam: IAMClient, userName: string, suspended: boolean, withKeys: boolean): Promise<UserWriteState> {
    const tags = await iam.send(new ListUserTagsCommand({ UserName: userName }));
    const flaggedOn = (tags.Tags ?? []).find((t) => t.Key === FLAGGED_TAG)?.Value;
    let activeAccessKeyIds: string[] = [];
    if (withKeys) {
        // A user has at most two access keys: one page.
        const keys = await iam.send(new ListAccessKeysCommand({ UserName: userName }));
        activeAccessKeyIds = (keys.AccessKeyMetadata ?? []).filter((k) => k.Status === "Active" && k.AccessKeyId).map((k) => k.AccessKeyId!);
    }
    return { flaggedOn, suspended, activeAccessKeyIds };
}

export async function applyWrite(iam: IAMClient, write: AccountWrite): Promise<void> {
    switch (write.kind) {
        case "tag-flagged":
            await iam.send(new TagUserCommand({ UserName: write.user, Tags: [{ Key: FLAGGED_TAG, Value: write.day }] }));
            return;
        case "add-to-suspended-group":
            await iam.send(new AddUserToGroupCommand({ GroupName: write.group, UserName: write.user }));
            return;
        case "deactivate-access-key":
            await iam.send(new UpdateAccessKeyCommand({ UserName: write.user, AccessKeyId: write.accessKeyId, Status: "Inactive" }));
            return;
    }
}
