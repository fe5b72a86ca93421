/**
 * What the MFA deny analysis derives from the action catalog and an allow-list alone: the same in every call, so
 * built once per process and allow-list.
 */
import { ActionCatalog } from "./actionCatalog";
import { markUncontrollable } from "./uncontrollableActions";

/** Actions worth naming in a message before falling back to catalog order: people recognise them. */
const EXAMPLE_ACTIONS = [
    "ec2:RunInstances",
    "s3:GetObject",
    "iam:CreateUser",
    "iam:CreateAccessKey",
    "sts:AssumeRole",
    "iam:DeactivateMFADevice",
    "dynamodb:Scan",
];

export interface CatalogTables {
    /** 1 for the actions of the allow-list, and for those no policy can deny (uncontrollableActions.ts): none needs a deny. */
    readonly allowListed: Readonly<Uint8Array>;
    /** Catalog indices, the well-known actions first: the order escapes are looked for in. */
    readonly exampleOrder: readonly number[];
}

/** What the catalog and an allow-list alone decide: the same in every call, so built once per process and list. */
const tablesByCatalog = new WeakMap<ActionCatalog, Map<string, CatalogTables>>();
const MAX_ALLOW_LISTS = 16;

export function catalogTables(catalog: ActionCatalog, enrollmentAllowList: readonly string[]): CatalogTables {
    let byList = tablesByCatalog.get(catalog);
    if (!byList) {
        byList = new Map();
        tablesByCatalog.set(catalog, byList);
    }
    const key = enrollmentAllowList.join("\n");
    let tables = byList.get(key);
    if (!tables) {
        const allowListed = new Uint8Array(catalog.size);
        for (const pattern of enrollmentAllowList) {
            catalog.markMatches(pattern, allowListed);
        }
        markUncontrollable(catalog, allowListed);
        const examples = EXAMPLE_ACTIONS.map((a) => catalog.indexOf(a)).filter((i): i is number => i !== undefined);
        const rest = [...Array(catalog.size).keys()].filter((i) => !examples.includes(i));
        tables = { allowListed, exampleOrder: [...examples, ...rest] };
        if (byList.size >= MAX_ALLOW_LISTS) {
            byList.clear();
        }
        byList.set(key, tables);
    }
    return tables;
}
