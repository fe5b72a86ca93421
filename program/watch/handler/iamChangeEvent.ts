/**
 * One SQS message of the watch's queue: the EventBridge event of a CloudTrail record of an IAM call, read into what
 * the watch needs — the call, when, who made it, its parameters. A message that is not one is refused with the rule
 * it breaks (the batch reports it failed, so it ends in the dead-letter queue where it can be read, never dropped).
 */

export interface IamChangeEvent {
    /** CloudTrail's eventID: the same call delivered twice has the same one. */
    readonly id: string;
    readonly name: string;
    readonly time: string;
    /** The caller's ARN (or principal id), as CloudTrail's userIdentity names it. */
    readonly caller: string;
    /** The caller, when it is an IAM user acting on itself (CreateAccessKey without userName). */
    readonly callerUserName?: string;
    readonly sourceIp?: string;
    readonly parameters: Readonly<Record<string, unknown>>;
    /** Set when the call failed: it changed nothing. */
    readonly errorCode?: string;
}

export class MalformedEventError extends Error {
    constructor(rule: string) {
        super(`not a CloudTrail IAM event delivered by EventBridge: ${rule}`);
        this.name = "MalformedEventError";
    }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

function field(object: Record<string, unknown>, key: string, where: string): string {
    const value = object[key];
    if (typeof value !== "string" || value === "") {
        throw new MalformedEventError(`${where}${key} must be a non-empty string, got ${JSON.stringify(value)}`);
    }
    return value;
}

function callerOf(identity: unknown): { caller: string; callerUserName?: string } {
    if (!isObject(identity)) {
        return { caller: "unknown" };
    }
    const issuer = isObject(identity.sessionContext) && isObject(identity.sessionContext.sessionIssuer) ? identity.sessionContext.sessionIssuer : undefined;
    const caller = [identity.arn, issuer?.arn, identity.principalId, identity.invokedBy, identity.type].find((v): v is string => typeof v === "string" && v !== "") ?? "unknown";
    return identity.type === "IAMUser" && typeof identity.userName === "string" ? { caller, callerUserName: identity.userName } : { caller };
}

/** The SQS message body: EventBridge's event, its `detail` the CloudTrail record. */
export function parseIamChangeEvent(body: string): IamChangeEvent {
    let envelope: unknown;
    try {
        envelope = JSON.parse(body);
    } catch {
        throw new MalformedEventError("the message body is not JSON");
    }
    if (!isObject(envelope) || !isObject(envelope.detail)) {
        throw new MalformedEventError("the message holds no `detail` object");
    }
    const detail = envelope.detail;
    if (detail.eventSource !== "iam.amazonaws.com") {
        throw new MalformedEventError(`detail.eventSource must be iam.amazonaws.com, got ${JSON.stringify(detail.eventSource)}`);
    }
    const parameters = detail.requestParameters ?? {};
    if (!isObject(parameters)) {
        throw new MalformedEventError(`detail.requestParameters must be an object, got ${JSON.stringify(parameters)}`);
    }
    return {
        id: field(detail, "eventID", "detail."),
        name: field(detail, "eventName", "detail."),
        time: field(detail, "eventTime", "detail."),
        ...callerOf(detail.userIdentity),
        ...(typeof detail.sourceIPAddress === "string" ? { sourceIp: detail.sourceIPAddress } : {}),
        parameters,
        ...(typeof detail.errorCode === "string" ? { errorCode: detail.errorCode } : {}),
    };
}
