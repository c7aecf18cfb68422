/**
 * An https.Agent for requests to push services, or null for Node's default.
 * Lets an in-process test trust its own push endpoint's certificate.
 */
export const PUSH_HTTPS_AGENT = Symbol('PUSH_HTTPS_AGENT');
