/**
 * What the organization audit names from `organization.audit.name`, in one place: the program, the role documents
 * and the state machine agree on every name and ARN without reading another resource's outputs, so all of it is
 * known during preview.
 */
export interface AuditNames {
    readonly stateMachine: string;
    readonly listFunction: string;
    /** The item function; its role is the job role the member accounts' audit role trusts. */
    readonly accountFunction: string;
    readonly reportFunction: string;
    readonly schedulerRole: string;
    readonly stackSet: string;
    readonly bucket: string;
}

export function auditNames(name: string, accountId: string, region: string): AuditNames {
    return {
        stateMachine: name,
        listFunction: `${name}-list-accounts`,
        accountFunction: `${name}-account`,
        reportFunction: `${name}-report`,
        schedulerRole: `${name}-scheduler`,
        stackSet: `${name}-role`,
        bucket: `${name}-${accountId}-${region}`,
    };
}

export function functionArn(accountId: string, region: string, functionName: string): string {
    return `arn:aws:lambda:${region}:${accountId}:function:${functionName}`;
}

export function stateMachineArn(accountId: string, region: string, name: string): string {
    return `arn:aws:states:${region}:${accountId}:stateMachine:${name}`;
}

/**
 * The executions of the state machine: its own (`execution:<name>:<id>`) and its Distributed Map's child workflows
 * (`execution:<name>/<map run label>:<id>`).
 */
export function executionsArns(accountId: string, region: string, name: string): string[] {
    const base = `arn:aws:states:${region}:${accountId}:execution:${name}`;
    return [`${base}:*`, `${base}/*`];
}

/** A function's role has the function's name. */
export function roleArn(accountId: string, roleName: string): string {
    return `arn:aws:iam::${accountId}:role/${roleName}`;
}
