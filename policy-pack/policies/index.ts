/**
 * The policies of force-mfa-guard as plain objects: tests load them from here without starting the analyzer server
 * that constructing a PolicyPack starts.
 */
import { Policies } from "@pulumi/policy";
import { enrollmentNotLockedOut } from "./enrollmentNotLockedOut";
import { exemptionsVisible } from "./exemptionsVisible";
import { groupRequiresMfa } from "./groupRequiresMfa";
import { roleTrustRequiresMfa } from "./roleTrustRequiresMfa";
import { sensitiveActionsNeedFreshMfa } from "./sensitiveActionsNeedFreshMfa";
import { userRequiresMfa } from "./userRequiresMfa";
import { keepProtoKeys } from "../stack/protoKeys";

// Before any request is decoded: a `__proto__` element of a document must reach the policies.
keepProtoKeys();

export const forceMfaGuardPolicies: Policies = [
    userRequiresMfa,
    groupRequiresMfa,
    roleTrustRequiresMfa,
    enrollmentNotLockedOut,
    exemptionsVisible,
    sensitiveActionsNeedFreshMfa,
];
