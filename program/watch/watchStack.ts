/**
 * The watch in the program: checked against the rest of the config before anything is registered, then deployed
 * next to detection's alert topic, and its part of `nextSteps`. Config key `watch`.
 */
import { AccountFacts } from "../accountFacts";
import { topicArnOf, topicKeyOf } from "../aws/alertTopic";
import { AccountChecks, Deployment, noFindings } from "../capability";
import { DetectionComponents } from "../detection/detectionStack";
import { LAMBDA_ENVIRONMENT_LIMIT } from "../enrollmentWindow/job/jobSettings";
import { ForceMfaConfig } from "../stackConfig";
import { encodeWatchSettings, WATCH_SETTINGS_VARIABLE } from "./handler/watchSettings";
import { IamChangeWatch, WATCH_MAX_RECEIVES, watchSettingsOf } from "./iamChangeWatch";
import { IAM_EVENTS_REGION } from "./watchedEvents";

/** The function's settings, the stack's exemptions with their reasons included, must fit Lambda's environment. */
export function checkWatch(config: ForceMfaConfig, account: AccountFacts): AccountChecks {
    if (!config.watch.enabled) {
        return noFindings();
    }
    const settings = watchSettingsOf({ settings: config.watch, topicArn: topicArnOf(config, account), enforcedGroupName: config.enforcedGroupName, exemptions: config.exemptions });
    const size = Buffer.byteLength(WATCH_SETTINGS_VARIABLE) + Buffer.byteLength(encodeWatchSettings(settings));
    const problems =
        size > LAMBDA_ENVIRONMENT_LIMIT
            ? [`watch: the function's settings, exemptions with their reasons included, take ${size} bytes, over the ${LAMBDA_ENVIRONMENT_LIMIT} Lambda allows for environment variables — shorten the exemption reasons`]
            : [];
    return { problems, warnings: [] };
}

/** The stack outputs of the watch: none while it is off. */
export interface WatchOutputs {
    readonly watchFunction?: string;
}

/** `detection`: the alert topic the watch alerts on (the config rules make detection on while the watch is). */
export function deployWatch(config: ForceMfaConfig, account: AccountFacts, detection: DetectionComponents): Deployment<WatchOutputs, { watch?: IamChangeWatch }> {
    const settings = config.watch;
    if (!settings.enabled) {
        return { outputs: {}, nextSteps: [], components: {} };
    }
    const alerts = detection.detection;
    const watch = new IamChangeWatch("watch", {
        accountId: account.accountId,
        region: account.region,
        settings,
        topicArn: topicArnOf(config, account),
        topicKey: topicKeyOf(config),
        enforcedGroupName: config.enforcedGroupName,
        exemptions: config.exemptions,
        dependsOn: alerts ? [alerts.topic] : [],
        tags: config.tags,
    });
    const route =
        account.region === IAM_EVENTS_REGION
            ? "CloudTrail's IAM events (us-east-1)"
            : `CloudTrail's IAM events, forwarded from us-east-1 by the rule ${settings.name}-forwarder`;
    return {
        outputs: { watchFunction: settings.name },
        components: { watch },
        nextSteps: [
            `Watch: ${route} reach the queue ${settings.name}; within ${settings.batchWindowSeconds} s of a burst, ${settings.name} re-judges each principal a change affects and alerts on ${config.detection.topicName} ` +
                `when one newly escapes the MFA deny or is locked out (it reports; it never reverts). It needs a CloudTrail trail recording management events in us-east-1 ` +
                `(an organization or multi-region trail does). Messages it cannot judge after ${WATCH_MAX_RECEIVES} tries go to ${settings.name}-dead-letters, which alarms on the topic.`,
        ],
    };
}
