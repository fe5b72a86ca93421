/** The account facts and validated configs the program's tests deploy with. */
import { expect } from "chai";
import { AccountFacts } from "../../program/accountFacts";
import { checkStackConfig, ForceMfaConfig } from "../../program/stackConfig";
import { ACCOUNT, REGION } from "./pulumiMocks";

/** The test account (ACCOUNT, REGION) with these existing users, their ARNs built from path and name. */
export function accountWith(users: readonly { name: string; path?: string }[]): AccountFacts {
    return {
        accountId: ACCOUNT,
        region: REGION,
        existingUsers: users.map(({ name, path = "/" }) => ({ name, path, arn: `arn:aws:iam::${ACCOUNT}:user${path}${name}` })),
    };
}

/** A config that must be valid: its problems fail the test. */
export function validConfig(raw: Record<string, unknown>): ForceMfaConfig {
    const { config, problems } = checkStackConfig(raw);
    expect(problems).to.deep.equal([]);
    return config!;
}
