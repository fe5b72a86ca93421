/**
 * The last verdict of each principal, in the watch's DynamoDB table (key `principal`: `user/<name>` or
 * `role/<name>`, lower-cased as IAM compares names), so that only a change alerts. A change is claimed with a
 * conditional write on the verdict read before: of two invocations judging the same principal, one claims it and
 * alerts. If the alert then fails, the claim is undone, so the retry alerts — nothing announced twice, nothing lost.
 */
import { ConditionalCheckFailedException, DeleteItemCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";

export interface RecordedVerdict {
    readonly status: string;
    /** The CloudTrail event that produced it. */
    readonly eventId: string;
    readonly judgedAt: string;
}

export function stateKey(type: "user" | "role", name: string): string {
    return `${type}/${name.toLowerCase()}`;
}

export class VerdictState {
    constructor(
        private readonly ddb: DynamoDBClient,
        private readonly table: string,
    ) {}

    async read(key: string): Promise<RecordedVerdict | undefined> {
        const answer = await this.ddb.send(new GetItemCommand({ TableName: this.table, Key: { principal: { S: key } }, ConsistentRead: true }));
        const item = answer.Item;
        if (!item?.status?.S) {
            return undefined;
        }
        return { status: item.status.S, eventId: item.eventId?.S ?? "", judgedAt: item.judgedAt?.S ?? "" };
    }

    /**
     * Records `next` if the principal's verdict is still `previous` (undefined: none recorded). False when another
     * invocation changed it in between: the caller judges again or leaves it to that one.
     */
    async claim(key: string, previous: RecordedVerdict | undefined, next: RecordedVerdict): Promise<boolean> {
        try {
            await this.ddb.send(
                new PutItemCommand({
                    TableName: this.table,
                    Item: { principal: { S: key }, status: { S: next.status }, eventId: { S: next.eventId }, judgedAt: { S: next.judgedAt } },
                    ...(previous === undefined
                        ? { ConditionExpression: "attribute_not_exists(principal)" }
                        : { ConditionExpression: "#status = :previous", ExpressionAttributeNames: { "#status": "status" }, ExpressionAttributeValues: { ":previous": { S: previous.status } } }),
                }),
            );
            return true;
        } catch (err) {
            if (err instanceof ConditionalCheckFailedException || (err as { name?: string }).name === "ConditionalCheckFailedException") {
                return false;
            }
            throw err;
        }
    }

    /** Undoes a claim whose alert could not be sent, so the retry finds the change again. */
    async restore(key: string, previous: RecordedVerdict | undefined): Promise<void> {
        if (previous === undefined) {
            await this.ddb.send(new DeleteItemCommand({ TableName: this.table, Key: { principal: { S: key } } }));
            return;
        }
        await this.ddb.send(
            new PutItemCommand({
                TableName: this.table,
                Item: { principal: { S: key }, status: { S: previous.status }, eventId: { S: previous.eventId }, judgedAt: { S: previous.judgedAt } },
            }),
        );
    }

    /** A principal that no longer exists: a new one of the same name starts without a verdict. */
    async forget(key: string): Promise<void> {
        await this.ddb.send(new DeleteItemCommand({ TableName: this.table, Key: { principal: { S: key } } }));
    }
}
