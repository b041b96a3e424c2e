/**
 * Threads are named in URLs by an opaque key: platform thread ids hold slashes and colons
 * (Bluesky's at:// URIs, Meta's page_post ids), so channel and id travel base64url-encoded.
 */
export const threadKey = (channel: string, threadId: string) => Buffer.from(`${channel}\n${threadId}`, 'utf8').toString('base64url');

export function parseThreadKey(key: string): { channel: string; threadId: string } | undefined {
  if (!/^[A-Za-z0-9_-]{1,2800}$/.test(key)) return undefined;
  const text = Buffer.from(key, 'base64url').toString('utf8');
  const nl = text.indexOf('\n');
  if (nl <= 0 || nl === text.length - 1) return undefined;
  return { channel: text.slice(0, nl), threadId: text.slice(nl + 1) };
}
