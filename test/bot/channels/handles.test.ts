import { describe, expect, it } from 'vitest';
import { BLUESKY_HANDLE, DID, INSTAGRAM_USERNAME, MASTODON_ACCT, X_SCREEN_NAME, displayName } from '../../../bot/channels/handles.js';

describe('issue 14 finding 1 — handles as each platform writes them', () => {
  it('X screen names: 1 to 15 of letters, digits, underscore', () => {
    for (const ok of ['a', 'ann_smith', 'A1_b2_C3_d4_E5f']) expect(X_SCREEN_NAME.test(ok), ok).toBe(true);
    for (const bad of ['', 'x FREE GIFT CARDS at https://phish.example/claim -', 'a'.repeat(16), 'ann.smith', '\u202Eevil', 'ann\n'])
      expect(X_SCREEN_NAME.test(bad), bad).toBe(false);
  });

  it('Mastodon acct, Bluesky handles and DIDs, Instagram usernames', () => {
    for (const ok of ['ann', 'ann@mastodon.social', 'ann.s-b@social.example.org', 'A_1@xn--bcher-kva.example'])
      expect(MASTODON_ACCT.test(ok), ok).toBe(true);
    for (const bad of ['', '@ann', 'ann@', 'ann@localhost', 'ann@phish.example/claim', 'ann smith', 'ann@@x.org'])
      expect(MASTODON_ACCT.test(bad), bad).toBe(false);
    for (const ok of ['ann.bsky.social', 'phish.example', 'handle.invalid', 'a-b.c-d.example'])
      expect(BLUESKY_HANDLE.test(ok), ok).toBe(true);
    for (const bad of ['', 'ann', 'ann.123', '-ann.bsky.social', 'ann..bsky.social', 'ann bsky.social', `${'a'.repeat(250)}.com`])
      expect(BLUESKY_HANDLE.test(bad), bad).toBe(false);
    expect(DID.test('did:plc:ewvi7nxzyoun6zhxrhs64oiz')).toBe(true);
    expect(DID.test('did:plc:')).toBe(false);
    for (const ok of ['ann.smith_', 'a']) expect(INSTAGRAM_USERNAME.test(ok), ok).toBe(true);
    for (const bad of ['', 'ann smith', 'a'.repeat(31), 'ann-smith']) expect(INSTAGRAM_USERNAME.test(bad), bad).toBe(false);
  });

  it('display names are stored without invisible characters, spaces collapsed, bounded', () => {
    expect(displayName('  Ann\u202E  \u200BSmith ')).toBe('Ann Smith');
    expect(displayName('\u200B\u202E')).toBeUndefined();
    expect(displayName('👩‍👩‍👧'.repeat(100))).toBe('👩‍👩‍👧'.repeat(64));
    expect(displayName(undefined)).toBeUndefined();
    // A megabyte of name (a Direct Line from.name) is read as its first few thousand characters.
    expect(displayName(`${'Ж'.repeat(1_000_000)}`)).toBe('Ж'.repeat(64));
    expect(displayName(`  ${'\u200B'.repeat(10)}Bob ${'x'.repeat(1_000_000)}`)).toBe(`Bob ${'x'.repeat(60)}`);
  });
});
