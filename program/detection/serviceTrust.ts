/** The trust policy of a role an AWS service assumes on this account's behalf, and for nobody else's resources. */
export function serviceTrustDocument(service: string, accountId: string) {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Principal: { Service: service },
                Action: "sts:AssumeRole",
                // Confused-deputy guard: the service acts for this account only.
                Condition: { StringEquals: { "aws:SourceAccount": accountId } },
            },
        ],
    };
}
