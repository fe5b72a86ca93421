/**
 * Actions no IAM policy controls: AWS performs them whatever the caller's policies say, so a deny that exempts them
 * (its NotAction lists them, its Action leaves them out) exempts nothing, and a deny of them blocks nothing — it
 * never locks a user out of enrollment. Only what AWS documents as such is listed here:
 *
 * - `sts:GetCallerIdentity` — STS API Reference, GetCallerIdentity
 *   (https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html): no permissions are required,
 *   and a policy that explicitly denies the action does not stop it.
 * - `sts:GetSessionToken` — IAM User Guide, "Permissions for GetSessionToken"
 *   (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_getsessiontoken.html): no
 *   permissions are required, policies cannot control authentication operations, and including the action in a
 *   policy has no effect on the user's ability to call it.
 *
 * Not listed: `sts:AssumeRoleWithSAML` / `sts:AssumeRoleWithWebIdentity` are called without AWS credentials, so no
 * identity policy of the caller applies, but AWS controls them through the role's trust policy (judged by
 * iam-role-trust-requires-mfa), and does not document them as beyond policy.
 */
import { ActionCatalog } from "./actionCatalog";
import { asciiLowerCase } from "./wildcard";

export const UNCONTROLLABLE_ACTIONS: readonly string[] = ["sts:GetCallerIdentity", "sts:GetSessionToken"];

const byName = new Set(UNCONTROLLABLE_ACTIONS.map(asciiLowerCase));

/** Whether AWS performs this action (`service:Action`, any case) whatever a policy says. */
export function isUncontrollable(action: string): boolean {
    return byName.has(asciiLowerCase(action));
}

/**
 * Whether an Action list selects nothing but such actions. A wildcard counts as selecting more (it may match an
 * action a later catalog adds), so a statement is only ever set aside for naming these actions exactly.
 */
export function selectsOnlyUncontrollable(actions: readonly string[]): boolean {
    return actions.length > 0 && actions.every(isUncontrollable);
}

/** Marks the catalog's uncontrollable actions in `into` (1 = needs no deny). */
export function markUncontrollable(catalog: ActionCatalog, into: Uint8Array): void {
    for (const action of UNCONTROLLABLE_ACTIONS) {
        const index = catalog.indexOf(action);
        if (index !== undefined) {
            into[index] = 1;
        }
    }
}
