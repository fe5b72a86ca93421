/** The provider's model of a policy document (its Go struct), shared by the decoder and the encoder. */

export type Strings = string | string[];
export interface Principal { type: string; identifiers: Strings }
export interface Condition { test: string; variable: string; values: Strings }
export interface Statement {
    Sid?: string;
    Effect?: string;
    Action?: unknown;
    NotAction?: unknown;
    Resource?: unknown;
    NotResource?: unknown;
    Principal?: Principal[];
    NotPrincipal?: Principal[];
    Condition?: Condition[];
}
export interface Document { Version: string; Id: string; Statement: Statement[] }


/** The provider's errors, named for the invoke that raised them. */
export function fail(message: string): never {
    throw new Error(`aws.iam.getPolicyDocument: ${message}`);
}
