/**
 * Reading resource properties that may be unknown during a preview. @pulumi/policy wraps properties in a proxy that
 * throws on an unknown value, and its server turns that throw into an advisory "can't run" — which would pass what
 * could not be verified. The pack reads the raw values instead and decides itself, failing closed.
 */
import { restoreProtoKeys } from "./protoKeys";

/** What the engine sends for any unknown value. */
export const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

const UNKNOWN_SENTINELS = new Set([
    "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7", // boolean
    "3eeb2bf0-c639-47a8-9e75-3b44932eb421", // number
    UNKNOWN_STRING,
    "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2", // array
    "030794c1-ac77-496b-92df-f27374a8bd58", // asset
    "e48ece36-62e2-4504-bad9-02848725956a", // archive
    "dd056dcd-154b-4c76-9bd3-c8f88648b5ff", // object
]);

/** The key @pulumi/policy's proxy answers with the object it wraps. */
const PROXY_TARGET = "__getSpecialProxyTarget";

export const UNKNOWN: unique symbol = Symbol("unknown during preview");
export type Unknown = typeof UNKNOWN;

export function isUnknown(value: unknown): boolean {
    return typeof value === "string" && UNKNOWN_SENTINELS.has(value);
}

export function rawProps(props: unknown): Record<string, unknown> {
    if (typeof props !== "object" || props === null) {
        return {};
    }
    const target = (props as Record<string, unknown>)[PROXY_TARGET];
    const raw = typeof target === "object" && target !== null ? target : props;
    return raw as Record<string, unknown>;
}

/** A string property: its value, UNKNOWN, or undefined when absent (or not a string). */
export function readString(props: Record<string, unknown>, key: string): string | Unknown | undefined {
    const value = props[key];
    if (isUnknown(value)) {
        return UNKNOWN;
    }
    return typeof value === "string" ? value : undefined;
}

export interface StringList {
    readonly known: readonly string[];
    /** The list or some element of it is unknown. */
    readonly hasUnknown: boolean;
}

/** A string or list-of-strings property. */
export function readStringList(props: Record<string, unknown>, key: string): StringList {
    const value = props[key];
    if (value === undefined || value === null) {
        return { known: [], hasUnknown: false };
    }
    if (isUnknown(value)) {
        return { known: [], hasUnknown: true };
    }
    const items = Array.isArray(value) ? value : [value];
    const known: string[] = [];
    let hasUnknown = false;
    for (const item of items) {
        if (isUnknown(item)) {
            hasUnknown = true;
        } else if (typeof item === "string") {
            known.push(item);
        }
    }
    return { known, hasUnknown };
}

/**
 * A document given as an object (aws-native, or @pulumi/aws given an object) with some values unknown during
 * preview: judged on what is known, as far as the unknowns cannot change the verdict (partialDocument.ts).
 */
export class PartialDocument {
    constructor(readonly value: Record<string, unknown>) {}
}

/**
 * A policy document property: a JSON string or an object; UNKNOWN if it is unknown as a whole (a JSON string is
 * always known or unknown whole), a PartialDocument if it is an object holding unknown values.
 */
export function readDocument(props: Record<string, unknown>, key: string): unknown | Unknown {
    const value = props[key];
    if (containsUnknown(value)) {
        return typeof value === "object" && value !== null && !Array.isArray(value) ? new PartialDocument(restoreProtoKeys(value) as Record<string, unknown>) : UNKNOWN;
    }
    return typeof value === "object" && value !== null ? restoreProtoKeys(value) : value;
}

export function containsUnknown(value: unknown): boolean {
    if (isUnknown(value)) {
        return true;
    }
    if (Array.isArray(value)) {
        return value.some(containsUnknown);
    }
    if (typeof value === "object" && value !== null) {
        return Object.values(value).some(containsUnknown);
    }
    return false;
}
