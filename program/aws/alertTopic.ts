/**
 * Detection's alert topic as the program's Lambda jobs reach it: its ARN and its KMS key, built from config names so
 * they are known during preview, and the role statement that lets a job encrypt for it (through SNS only).
 */
import type { AccountFacts } from "../accountFacts";
import type { ForceMfaConfig } from "../stackConfig";

/** The topic's key as a job's role names it: a key ARN, or an alias (matched through `kms:ResourceAliases`). */
export type TopicKey = { readonly keyArn: string } | { readonly aliasName: string };

export function topicArnOf(config: ForceMfaConfig, account: AccountFacts): string {
    return `arn:aws:sns:${account.region}:${account.accountId}:${config.detection.topicName}`;
}

/** The configured key (or its alias), or the alias of the key detection creates. */
export function topicKeyOf(config: ForceMfaConfig): TopicKey {
    const configured = config.detection.kmsKeyArn;
    if (configured === undefined) {
        return { aliasName: `alias/${config.detection.topicName}` };
    }
    const alias = /:(alias\/.+)$/.exec(configured)?.[1];
    return alias ? { aliasName: alias } : { keyArn: configured };
}

/**
 * Publishing to the encrypted topic: the key used only by SNS of the topic's region. An alias is matched through
 * `kms:ResourceAliases`, so the document is known before the key exists.
 */
export function topicKeyStatement(scope: { readonly accountId: string; readonly region: string; readonly topicKey: TopicKey }) {
    const base = {
        Sid: "EncryptForTheTopic",
        Effect: "Allow",
        Action: ["kms:GenerateDataKey*", "kms:Decrypt"],
    };
    const viaSns = { "kms:ViaService": `sns.${scope.region}.amazonaws.com` };
    if ("keyArn" in scope.topicKey) {
        return { ...base, Resource: scope.topicKey.keyArn, Condition: { StringEquals: viaSns } };
    }
    return {
        ...base,
        Resource: `arn:aws:kms:${scope.region}:${scope.accountId}:key/*`,
        Condition: { StringEquals: viaSns, "ForAnyValue:StringEquals": { "kms:ResourceAliases": scope.topicKey.aliasName } },
    };
}
