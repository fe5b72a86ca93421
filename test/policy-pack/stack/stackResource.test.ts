import { expect } from "chai";
import { IAM_TYPES, KINDS, NATIVE_TYPES, nameProperty, typesOf } from "../../../policy-pack/stack/stackResource";

describe("stackResource: the IAM types the graph reads, for both AWS providers", () => {
    it("each kind names the aws and aws-native types", () => {
        expect(typesOf("user")).to.deep.equal([IAM_TYPES.user, NATIVE_TYPES.user]);
        expect(typesOf("policy")).to.deep.equal(["aws:iam/policy:Policy", "aws-native:iam:ManagedPolicy"]);
        expect(Object.keys(KINDS).sort()).to.deep.equal(["group", "policy", "role", "user"]);
    });

    it("the property holding a resource's IAM name depends on its provider; `name` when the type is not the kind's", () => {
        expect(nameProperty("user", IAM_TYPES.user)).to.equal("name");
        expect(nameProperty("user", NATIVE_TYPES.user)).to.equal("userName");
        expect(nameProperty("role", NATIVE_TYPES.role)).to.equal("roleName");
        expect(nameProperty("policy", NATIVE_TYPES.managedPolicy)).to.equal("managedPolicyName");
        expect(nameProperty("group", "aws:s3/bucket:Bucket")).to.equal("name");
    });

    it("every type token is a Pulumi type token of its provider", () => {
        for (const type of Object.values(IAM_TYPES)) {
            expect(type).to.match(/^aws:iam\/[a-z][A-Za-z]*:[A-Z][A-Za-z]*$/);
            expect(type.split(":")[2].toLowerCase()).to.equal(type.split(":")[1].split("/")[1].toLowerCase());
        }
        for (const type of Object.values(NATIVE_TYPES)) {
            expect(type).to.match(/^aws-native:iam:[A-Z][A-Za-z]*$/);
        }
    });
});
