import { RichText } from '@atproto/api';
import type { BlueskyReplyContext } from './bluesky-events.js';

/**
 * The app.bsky.feed.post record of a reply: text, link facets (so links are clickable), a mention
 * facet for the customer we answer (we know their DID), and the reply's root and parent refs.
 */
export function replyRecord(text: string, context: BlueskyReplyContext, now = new Date()) {
  const rt = new RichText({ text });
  rt.detectFacetsWithoutResolution();
  const facets = (rt.facets ?? []).flatMap((facet) => {
    const features = facet.features.flatMap((f) => {
      if (f.$type === 'app.bsky.richtext.facet#link' || f.$type === 'app.bsky.richtext.facet#tag') return [f];
      // Other handles cannot be resolved offline here: left as plain text.
      if (f.$type === 'app.bsky.richtext.facet#mention' && (f as { did?: string }).did === context.authorHandle)
        return [{ ...f, did: context.authorDid }];
      return [];
    });
    return features.length ? [{ ...facet, features }] : [];
  });
  return {
    $type: 'app.bsky.feed.post',
    text,
    createdAt: now.toISOString(),
    reply: { root: context.root, parent: context.parent },
    ...(facets.length ? { facets } : {}),
  };
}
