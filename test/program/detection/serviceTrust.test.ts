/** The trust of a role an AWS service assumes: that service only, acting for this account only. */
import { expect } from "chai";
import { serviceTrustDocument } from "../../../program/detection/serviceTrust";

describe("serviceTrustDocument", () => {
    it("lets the service assume the role only on this account's behalf (confused-deputy guard)", () => {
        expect(serviceTrustDocument("config.amazonaws.com", "123456789012")).to.deep.equal({
            Version: "2012-10-17",
            Statement: [
                {
                    Effect: "Allow",
                    Principal: { Service: "config.amazonaws.com" },
                    Action: "sts:AssumeRole",
                    Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } },
                },
            ],
        });
    });
});
