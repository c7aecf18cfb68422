import type { ShareNetwork } from '../../articles/domain/share-networks';

export interface ShareLink {
  network: ShareNetwork;
  label: string;
  href: string;
}

/** Plain links to each network's share page: no scripts, no trackers, nothing loaded until clicked. */
export function shareLinks(url: string, headline: string): ShareLink[] {
  const u = encodeURIComponent(url);
  const text = encodeURIComponent(headline);
  return [
    { network: 'email', label: 'Email', href: `mailto:?subject=${text}&body=${encodeURIComponent(`${headline}\n\n${url}`)}` },
    { network: 'x', label: 'X', href: `https://x.com/intent/post?url=${u}&text=${text}` },
    { network: 'facebook', label: 'Facebook', href: `https://www.facebook.com/sharer/sharer.php?u=${u}` },
    { network: 'linkedin', label: 'LinkedIn', href: `https://www.linkedin.com/sharing/share-offsite/?url=${u}` },
    { network: 'whatsapp', label: 'WhatsApp', href: `https://wa.me/?text=${encodeURIComponent(`${headline} ${url}`)}` },
  ];
}
