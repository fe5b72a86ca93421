/**
 * Users' own attributes the graph reads: the permissions boundary, and a console password that must be changed at
 * first sign-in.
 */
import { isUnknown } from "./knownValues";
import { StackIndex } from "./resolution";
import { IAM_TYPES, NATIVE_TYPES, typesOf } from "./stackResource";

/** Users' own attributes that point at policies (both providers call it permissionsBoundary). */
export function readBoundaries(index: StackIndex): void {
    for (const type of typesOf("user")) {
        for (const r of index.ofType(type)) {
            const user = index.userOf(r)!;
            if (index.p(r).permissionsBoundary !== undefined && index.p(r).permissionsBoundary !== "") {
                const [boundary] = index.policiesOf(r, "permissionsBoundary", (n) => `permissions boundary "${n}"`);
                user.boundary = boundary;
            }
        }
    }
}

/**
 * Console passwords that must be changed at first sign-in: `aws.iam.UserLoginProfile` and aws-native
 * `User.loginProfile` with `passwordResetRequired` true (or unknown during preview, which may be true).
 */
export function readLoginProfiles(index: StackIndex): void {
    const requiresReset = (props: Record<string, unknown>) => props.passwordResetRequired === true || isUnknown(props.passwordResetRequired);
    for (const r of index.ofType(IAM_TYPES.userLoginProfile)) {
        if (requiresReset(index.p(r))) {
            index.usersOf(r, "user", []).forEach((u) => (u.passwordResetRequired = true));
        }
    }
    for (const r of index.ofType(NATIVE_TYPES.user)) {
        const profile = index.p(r).loginProfile;
        if (isUnknown(profile) || (typeof profile === "object" && profile !== null && requiresReset(profile as Record<string, unknown>))) {
            index.userOf(r)!.passwordResetRequired = true;
        }
    }
}
