/** What is read of the organization: its root, the policy types enabled there, its management account. */
import { expect } from "chai";
import { lookUpOrganization } from "../../../program/organization/organizationFacts";
import { installMocks } from "../pulumiMocks";
import { ORGANIZATION } from "./organizationFixtures";

describe("lookUpOrganization", () => {
    it("reads the root, its enabled policy types and the management account with getOrganization", async () => {
        installMocks({
            invokes: {
                "aws:organizations/getOrganization:getOrganization": {
                    id: "o-abc123",
                    featureSet: "ALL",
                    masterAccountId: "999988887777",
                    roots: [
                        {
                            id: "r-a1b2",
                            arn: "arn:aws:organizations::999988887777:root/o-abc123/r-a1b2",
                            name: "Root",
                            policyTypes: [
                                { type: "SERVICE_CONTROL_POLICY", status: "ENABLED" },
                                { type: "TAG_POLICY", status: "PENDING_DISABLE" },
                            ],
                        },
                    ],
                },
            },
        });
        expect(await lookUpOrganization()).to.deep.equal({ ...ORGANIZATION, enabledPolicyTypes: ["SERVICE_CONTROL_POLICY"] });
    });

    it("an account outside any organization: empty id and root, no policy type", async () => {
        installMocks({ invokes: { "aws:organizations/getOrganization:getOrganization": { featureSet: "", masterAccountId: "" } } });
        expect(await lookUpOrganization()).to.deep.equal({ id: "", rootId: "", featureSet: "", enabledPolicyTypes: [], managementAccountId: "" });
    });
});
