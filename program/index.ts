/**
 * Entry point of `pulumi up`: validate the stack config, read the account, provision. A bad config stops the
 * program with its one-line reasons (a RunError prints without a stack trace) before anything is registered.
 */
import * as pulumi from "@pulumi/pulumi";
import { lookUpAccount, UnsupportedPartitionError } from "./accountFacts";
import { deployForceMfa } from "./forceMfaStack";
import { ConfigError, loadForceMfaConfig } from "./stackConfig";

async function main() {
    try {
        const config = loadForceMfaConfig(pulumi.runtime.allConfig());
        const outputs = deployForceMfa(config, await lookUpAccount({ organization: config.organization !== undefined }));
        const { _components, ...exported } = outputs;
        return exported;
    } catch (err) {
        if (err instanceof ConfigError || err instanceof UnsupportedPartitionError) {
            throw new pulumi.RunError(err.message);
        }
        throw err;
    }
}

export = main();
