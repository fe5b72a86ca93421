/** A made-up component package on disk, standing for a component provider's SDK (its TypeScript declarations). */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** A component package as pulumi-eks ships one: a class with a method whose result lives in the class's namespace. */
export function componentPackage(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "force-mfa-decl-"));
    const pkg = path.join(dir, "node_modules", "@pulumi", "teamk8s");
    fs.mkdirSync(pkg, { recursive: true });
    fs.writeFileSync(path.join(pkg, "package.json"), JSON.stringify({ name: "@pulumi/teamk8s", pulumi: { resource: true, name: "teamk8s" } }));
    fs.writeFileSync(
        path.join(pkg, "cluster.d.ts"),
        [
            'import * as pulumi from "@pulumi/pulumi";',
            "export declare class Cluster extends pulumi.ComponentResource {",
            "    readonly kubeconfig: pulumi.Output<any>;",
            "    getKubeconfig(): pulumi.Output<Cluster.GetKubeconfigResult>;",
            "}",
            "export declare namespace Cluster {",
            "    interface GetKubeconfigResult {",
            "        readonly kubeconfig: string;",
            "        readonly contexts?: { name: string; namespaces: string[] }[];",
            "        readonly ready: boolean;",
            "    }",
            "}",
        ].join("\n"),
    );
    return dir;
}
