/** What every Lambda role of the program has: Lambda's trust, and writing its own log group only. */

export function lambdaTrustDocument() {
    return {
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
    };
}

export function writeOwnLogsStatement(scope: { readonly accountId: string; readonly region: string; readonly functionName: string }) {
    return {
        Sid: "WriteOwnLogs",
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
        Resource: `arn:aws:logs:${scope.region}:${scope.accountId}:log-group:/aws/lambda/${scope.functionName}:*`,
    };
}
