import { describe, expect, it } from 'vitest';
import { parseBusinessHours } from '../../../config/parse-business-hours.js';
import { parseRouting } from '../../../config/routing/load-routing.js';
import { routeMention } from '../../../handoff/routing/apply-routing.js';
import { compileRules } from '../../../handoff/routing/compile-rules.js';
import type { StoredMention } from '../../../store/mention.js';

const rules = compileRules(
  parseRouting(`version: 1
rules:
  - name: spam-links
    when: { keywords: [cheap followers] }
    do: { hide: true, tags: [spam] }
`).routing,
);

function deps(hidden: unknown[], outcome: { ok: boolean } = { ok: true }) {
  const warnings: string[] = [];
  return {
    warnings,
    deps: {
      handoff: {
        threadTags: async () => new Map(),
        tagThread: async () => ({ changed: true, tags: ['spam'] }),
        setThreadTeam: async () => {},
        setRoutedPriority: async () => false,
        transition: async () => ({ ok: true }),
        recordHandoffSample: async () => {},
        listTeams: async () => [],
        recordEvent: async () => {},
      } as never,
      rules: () => rules,
      hours: parseBusinessHours('Mon-Sun 00:00-24:00', 'UTC'),
      isAgent: async () => true,
      notifyTeam: async () => {},
      log: { info: () => {}, warn: (_o: object, msg: string) => void warnings.push(msg) },
      moderation: {
        setHidden: async (ref: unknown, platformId: string, hide: boolean, actor: string) => {
          hidden.push({ ref, platformId, hide, actor });
          return outcome.ok ? { ok: true as const, hidden: true } : { ok: false as const, status: 409 as const, message: 'cannot' };
        },
      },
      now: () => 1_000,
    },
  };
}

const mention = (text: string) =>
  ({
    id: 7,
    channel: 'meta',
    threadId: 't7',
    platformId: 'c7',
    author: 'Zed',
    text,
    receivedAt: 1,
    status: 'handed_off',
    decision: null,
  }) as unknown as StoredMention & {
    decision: null;
  };

describe("a routing rule's hide", () => {
  it('hides the matched comment by rule, and leaves the others alone', async () => {
    const hidden: unknown[] = [];
    const { deps: d } = deps(hidden);
    await routeMention(d, mention('buy cheap followers here'), 'handoff');
    await routeMention(d, mention('my parcel is late'), 'handoff');
    expect(hidden).toEqual([{ ref: { channel: 'meta', threadId: 't7' }, platformId: 'c7', hide: true, actor: 'rule:spam-links' }]);
  });

  it('says so in the log where the platform cannot hide it', async () => {
    const hidden: unknown[] = [];
    const { deps: d, warnings } = deps(hidden, { ok: false });
    await routeMention(d, mention('buy cheap followers here'), 'handoff');
    expect(warnings).toContain('routing: the comment could not be hidden');
  });
});
