import { postJson, waitFor } from '../../helpers/start-service.js';

/**
 * Edits of the example knowledge file that must never go live, each with the problem it must be
 * refused with: broken YAML, a window ending before it starts, a reply too long once filled in,
 * a test case the bot gets wrong.
 */
export function brokenEdits(base: string): [text: string, problem: RegExp][] {
  return [
    [
      base.replace('keywords: [app down, app not working', 'keywords: [app down, app not working,'),
      /flow|sequence|Missing|Unexpected|expected/i,
    ],
    [
      base.replace(
        '    title: Black Friday promotion\n',
        '    title: Black Friday promotion\n    window:\n      start: 2026-12-20T00:00:00Z\n      end: 2026-12-01T00:00:00Z\n',
      ),
      /window ends before it starts/,
    ],
    [
      base.replace(
        'Live updates: https://status.acme.example',
        `Live updates: https://status.acme.example ${'and more words '.repeat(40)}`,
      ),
      /characters on sandbox once filled in \(limit 500/,
    ],
    [base.replace('expect: app-outage', 'expect: parcel-delays'), /expected parcel-delays, the bot would answer with app-outage/],
  ];
}

/** The bot's reply to a new customer's sandbox mention. */
export async function sandboxReply(url: string, text: string): Promise<string> {
  const res = await postJson(`${url}/sandbox/mentions`, { author: `@u${Math.random().toString(36).slice(2, 8)}`, text });
  const posts = await waitFor(
    async () => {
      const t = (await (await fetch(`${url}/sandbox/threads/${res.body.threadId}`)).json()) as {
        posts: { fromBrand: boolean; text: string }[];
      };
      return t.posts.some((p) => p.fromBrand) ? t.posts : undefined;
    },
    8000,
    'a reply',
  );
  return posts.find((p) => p.fromBrand)!.text;
}

/** A publish as the page makes it: the diff first, its "shown" sent with the publish (without it: 409). */
export async function publishSeen(
  url: string,
  body: { text: string; message?: string },
  headers: Record<string, string>,
): Promise<{ status: number; body: any }> {
  const diff = await postJson(`${url}/api/knowledge/diff`, { text: body.text }, headers);
  return postJson(`${url}/api/knowledge/publish`, { ...body, ...(diff.status === 200 ? { shown: diff.body.shown } : {}) }, headers);
}
