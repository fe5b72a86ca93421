/** The IAM principals a remote component is known to create, from its inputs: what --strict names. In process. */
import { expect } from "chai";
import { remoteComponentPrincipals } from "../../../tools/preview/remoteComponentPrincipals";

describe("remote components' principals", () => {
    it("an EKS cluster with its defaults creates its service role and its nodes' role; fewer when told otherwise", () => {
        expect(remoteComponentPrincipals("eks:index:Cluster", {})).to.deep.equal([
            "IAM role for the cluster (trusted by eks.amazonaws.com)",
            "IAM role and instance profile for the nodes (trusted by ec2.amazonaws.com)",
        ]);
        expect(remoteComponentPrincipals("eks:index:Cluster", { skipDefaultNodeGroup: true, createOidcProvider: true, serviceRole: "arn:aws:iam::1:role/eks" })).to.deep.equal([
            "IAM OIDC identity provider for the cluster's service accounts",
        ]);
    });

    it("an ECS service without roles given creates its task and execution roles; a VPC creates none; an unknown type is not guessed", () => {
        expect(remoteComponentPrincipals("awsx:ecs:FargateService", { taskDefinitionArgs: { executionRole: { roleArn: "arn" } } })).to.deep.equal([
            "IAM role for the task (trusted by ecs-tasks.amazonaws.com)",
        ]);
        expect(remoteComponentPrincipals("awsx:ec2:Vpc", {})).to.deep.equal([]);
        expect(remoteComponentPrincipals("acme:index:Platform", {})).to.equal(undefined);
    });
});
