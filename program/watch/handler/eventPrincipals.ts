/**
 * What an IAM call affects, from its request parameters alone (no AWS call): a user, a role, the members of a group,
 * or every principal a managed policy is attached to. Groups and policies are expanded by the reader. A deleted (or
 * renamed-away) principal is a target like any other: reading it finds it gone, and its recorded verdict is forgotten.
 */
import { EVENT_AFFECTS, isWatchedEvent } from "../watchedEvents";
import { IamChangeEvent } from "./iamChangeEvent";

export type Target =
    | { readonly kind: "user"; readonly name: string }
    | { readonly kind: "role"; readonly name: string }
    | { readonly kind: "group"; readonly name: string }
    | { readonly kind: "policy"; readonly arn: string };

export interface EventTargets {
    readonly targets: readonly Target[];
    /** Why the event affects nobody (a call the rule does not select, a failed call, a version not made default). */
    readonly ignored?: string;
}

function name(event: IamChangeEvent, key: string): string {
    const value = event.parameters[key];
    if (typeof value !== "string" || value === "") {
        throw new Error(`${event.name} (${event.id}): requestParameters.${key} must be a non-empty string, got ${JSON.stringify(value)}`);
    }
    return value;
}

const optional = (event: IamChangeEvent, key: string): string | undefined => {
    const value = event.parameters[key];
    return typeof value === "string" && value !== "" ? value : undefined;
};

export function targetsOf(event: IamChangeEvent): EventTargets {
    if (event.errorCode !== undefined) {
        return { targets: [], ignored: `the call failed (${event.errorCode}) and changed nothing` };
    }
    if (!isWatchedEvent(event.name)) {
        return { targets: [], ignored: `${event.name} changes no principal's verdict` };
    }
    switch (EVENT_AFFECTS[event.name]) {
        case "user": {
            // An IAM user managing its own keys, password or device may leave userName out: the caller is the user.
            const user = optional(event, "userName") ?? event.callerUserName;
            if (user === undefined) {
                return { targets: [], ignored: `${event.name} names no user and was not made by one` };
            }
            return { targets: [{ kind: "user", name: user }] };
        }
        case "renamedUser": {
            const old = name(event, "userName");
            const renamed = optional(event, "newUserName");
            return { targets: renamed && renamed !== old ? [{ kind: "user", name: old }, { kind: "user", name: renamed }] : [{ kind: "user", name: old }] };
        }
        case "groupMembers":
            return { targets: [{ kind: "group", name: name(event, "groupName") }] };
        case "renamedGroup":
            // A new path changes no document; a new name is where the members now are.
            return { targets: [{ kind: "group", name: optional(event, "newGroupName") ?? name(event, "groupName") }] };
        case "policyHolders":
            if (event.name === "CreatePolicyVersion" && event.parameters.setAsDefault !== true) {
                return { targets: [], ignored: "the new version was not made the default, which is the only one IAM applies" };
            }
            return { targets: [{ kind: "policy", arn: name(event, "policyArn") }] };
        case "role":
            return { targets: [{ kind: "role", name: name(event, "roleName") }] };
    }
}
