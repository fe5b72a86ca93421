/**
 * The whole program as a function of validated config and the facts read from the account, so tests can run it
 * under mocks as often as they like. It only composes the capabilities (capability.ts): every check against the
 * account first, so a problem anywhere stops the program before anything is registered; then every deploy.
 */
import * as pulumi from "@pulumi/pulumi";
import { AccountFacts, requireAwsPartition } from "./accountFacts";
import { checkDetection, deployDetection } from "./detection/detectionStack";
import { checkEnforcement, deployEnforcement } from "./enforcement/enforcementStack";
import { checkEnrollmentWindow, deployEnrollmentWindow } from "./enrollmentWindow/enrollmentWindowStack";
import { checkOrganization, deployOrganization } from "./organization/organizationStack";
import { checkPrivilegedAccess, deployPrivilegedAccess } from "./privilegedAccess/privilegedAccessStack";
import { checkSensitiveActions, deploySensitiveActions } from "./sensitiveActions/sensitiveActionsStack";
import { ConfigError, ForceMfaConfig } from "./stackConfig";
import { checkStateBackend, deployStateBackend } from "./stateBackend/stateBackendStack";
import { checkWatch, deployWatch } from "./watch/watchStack";

/** In the order their problems and warnings are reported. */
const CHECKS = [checkOrganization, checkEnforcement, checkStateBackend, checkDetection, checkPrivilegedAccess, checkSensitiveActions, checkEnrollmentWindow, checkWatch];

const POLICY_PACK_STEP = `Enforce the force-mfa-guard policy pack on every stack: pulumi preview --policy-pack ./policy-pack.`;

export function deployForceMfa(config: ForceMfaConfig, account: AccountFacts) {
    requireAwsPartition(account);
    const checks = CHECKS.map((check) => check(config, account));
    checks.flatMap((c) => c.warnings).forEach((warning) => pulumi.log.warn(warning));
    const problems = checks.flatMap((c) => c.problems);
    if (problems.length > 0) {
        throw new ConfigError(problems);
    }

    const enforcement = deployEnforcement(config, account);
    const stateBackend = deployStateBackend(config, account);
    const detection = deployDetection(config, account);
    const privilegedAccess = deployPrivilegedAccess(config, account, enforcement.components.enforcement);
    const sensitiveActions = deploySensitiveActions(config, account, privilegedAccess.components.adminRole);
    const enrollmentWindow = deployEnrollmentWindow(config, account, detection.components);
    const watch = deployWatch(config, account, detection.components);
    const organization = deployOrganization(config, account);

    return {
        ...enforcement.outputs,
        ...stateBackend.outputs,
        region: account.region,
        ...detection.outputs,
        ...privilegedAccess.outputs,
        ...sensitiveActions.outputs,
        ...enrollmentWindow.outputs,
        ...watch.outputs,
        nextSteps: [
            ...enforcement.nextSteps,
            ...stateBackend.nextSteps,
            POLICY_PACK_STEP,
            ...detection.nextSteps,
            ...privilegedAccess.nextSteps,
            ...sensitiveActions.nextSteps,
            ...enrollmentWindow.nextSteps,
            ...watch.nextSteps,
        ],
        ...organization.outputs,
        /** Not exported (index.ts strips it): what each capability registered, for tests. */
        _components: {
            ...enforcement.components,
            ...stateBackend.components,
            ...detection.components,
            ...privilegedAccess.components,
            ...sensitiveActions.components,
            ...enrollmentWindow.components,
            ...watch.components,
            ...organization.components,
        },
    };
}
