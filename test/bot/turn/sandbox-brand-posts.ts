import type { RunningService } from '../../helpers/start-service.js';

/** What the brand posted in a sandbox thread, oldest first: what the customer saw. */
export const brandPosts = async (s: RunningService, threadId: string) =>
  (
    (await (await fetch(`${s.url}/sandbox/threads/${encodeURIComponent(threadId)}`)).json()) as {
      posts: { text: string; fromBrand: boolean }[];
    }
  ).posts
    .filter((p) => p.fromBrand)
    .map((p) => p.text);
