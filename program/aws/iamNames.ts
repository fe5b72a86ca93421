/**
 * IAM's naming rules, shared by the stack config and the offline preview's inputs: letters, digits and +=,.@_- ;
 * user and role names up to 64 characters, group and policy names up to 128; paths `/` or `/a/b/` up to 512.
 */
export const IAM_USER_OR_ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
export const IAM_GROUP_NAME = /^[\w+=,.@-]{1,128}$/;
export const IAM_POLICY_NAME = /^[\w+=,.@-]{1,128}$/;
export const IAM_PATH = /^\/(?:[\x21-\x7e]{1,510}\/)?$/;
