/**
 * Where readers can share a story from its page: plain links to each network's own share page
 * (no scripts, nothing loaded until a reader clicks). Share counts are kept per network.
 */
export const SHARE_NETWORKS = ['email', 'x', 'facebook', 'linkedin', 'whatsapp'] as const;
export type ShareNetwork = (typeof SHARE_NETWORKS)[number];

export function isShareNetwork(value: unknown): value is ShareNetwork {
  return typeof value === 'string' && (SHARE_NETWORKS as readonly string[]).includes(value);
}
