/**
 * The shape every capability folder follows, so that forceMfaStack.ts only composes. A capability (enforcement,
 * stateBackend, detection, privilegedAccess, sensitiveActions, enrollmentWindow, organization) has:
 * - `<capability>Config.ts`: its part of the stack config (a ConfigPart, listed in stackConfig.ts's PARTS);
 * - `<capability>Stack.ts`: `check<Capability>(config, account)`, what only the account reveals, run for every
 *   capability before anything is registered; and `deploy<Capability>(config, account, ...)`, a Deployment.
 */

/** What a capability's checks against the account found. */
export interface AccountChecks {
    /** Config errors only the account facts reveal: the deployment stops before registering anything. */
    readonly problems: string[];
    /** Worth a `pulumi.log.warn`, not a stop. */
    readonly warnings: string[];
}

export function noFindings(): AccountChecks {
    return { problems: [], warnings: [] };
}

/** What a capability's deploy returns. */
export interface Deployment<Outputs extends object, Components extends object> {
    /**
     * The stack outputs it adds. A capability (or a part of one) that is off adds none: an output exported as
     * undefined only earns the engine's "will not show as a stack output" warning.
     */
    readonly outputs: Outputs;
    /** Its lines of the `nextSteps` output. */
    readonly nextSteps: readonly string[];
    /** The components it registered, for the capabilities deployed after it and for tests. */
    readonly components: Components;
}
