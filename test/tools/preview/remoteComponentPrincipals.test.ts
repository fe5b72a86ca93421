/** The IAM principals a remote component is known to create, from its inputs: what --strict names. In process. */
import { expect } from "chai";
import { CapturedResource } from "../../../tools/preview/capturedResource";
import { OfflinePreviewResult } from "../../../tools/preview/offlinePreview";
import { blocked } from "../../../tools/preview/reportCommon";
import { remoteComponentPrincipals } from "../../../tools/preview/remoteComponentPrincipals";

const remote = (type: string, properties: Record<string, unknown> = {}): CapturedResource =>
    ({ type, name: type.split(":").pop()!.toLowerCase(), urn: `urn:pulumi:dev::p::${type}::x`, custom: false, remote: true, properties, dependencies: [], propertyDependencies: {} }) as unknown as CapturedResource;
const withRemote = (...components: CapturedResource[]) => ({ mandatoryViolations: 0, remoteComponents: components }) as unknown as OfflinePreviewResult;

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

    it("--strict blocks on a remote component that creates principals or may; not on one known to create none", () => {
        expect(blocked(withRemote(remote("awsx:ec2:Vpc")), { strict: true })).to.equal(false);
        expect(blocked(withRemote(remote("awsx:ec2:Vpc"), remote("eks:index:Cluster")), { strict: true })).to.equal(true);
        expect(blocked(withRemote(remote("acme:index:Platform")), { strict: true })).to.equal(true);
        expect(blocked(withRemote(remote("eks:index:Cluster")), {})).to.equal(false);
    });
});
