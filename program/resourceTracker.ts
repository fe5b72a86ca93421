import * as pulumi from "@pulumi/pulumi";

/** A function that records each resource a component registers in `resources` (tests and callers wait on them), and returns it. */
export function resourceTracker(resources: pulumi.Resource[]): <T extends pulumi.Resource>(resource: T) => T {
    return (resource) => {
        resources.push(resource);
        return resource;
    };
}
