/** Policies from the documents the project was created from, as they circulate (with their known bugs). */

/** The runbook's ForceMFA: never allows iam:EnableMFADevice, so users cannot finish enrolling. */
export const RUNBOOK_FORCE_MFA = JSON.stringify({
    Version: "2012-10-17",
    Statement: [
        { Sid: "AllowViewAccountInfo", Effect: "Allow", Action: ["iam:GetAccountSummary", "iam:ListVirtualMFADevices"], Resource: "*" },
        {
            Sid: "AllowManageOwnVirtualMFADevice",
            Effect: "Allow",
            Action: ["iam:CreateVirtualMFADevice", "iam:DeleteVirtualMFADevice"],
            Resource: "arn:aws:iam::123456789012:mfa/${aws:username}",
        },
        {
            Sid: "AllowManageOwnUserMFA",
            Effect: "Allow",
            Action: ["iam:DeactivateMFADevice", "iam:GetUser", "iam:ListMFADevices", "iam:ResyncMFADevice", "iam:ChangePassword"],
            Resource: "arn:aws:iam::123456789012:user/${aws:username}",
        },
        {
            Sid: "DenyAllExceptListedIfNoMFA",
            Effect: "Deny",
            NotAction: [
                "iam:CreateVirtualMFADevice",
                "iam:EnableMFADevice",
                "iam:GetUser",
                "iam:ListMFADevices",
                "iam:ListUsers",
                "iam:ListVirtualMFADevices",
                "iam:ResyncMFADevice",
                "sts:GetSessionToken",
            ],
            Resource: "*",
            Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } },
        },
    ],
});

/** iSEC's 2015 policy: denies everything without MFA, enrollment included. */
export const ISEC_ENFORCE_MFA = JSON.stringify({
    Version: "2012-10-17",
    Statement: [
        { Effect: "Deny", Action: "*", Resource: "*", Condition: { Null: { "aws:MultiFactorAuthAge": "true" } } },
        { Effect: "Deny", Action: "*", Resource: "*", Condition: { NumericGreaterThan: { "aws:MultiFactorAuthAge": "28800" } } },
    ],
});
