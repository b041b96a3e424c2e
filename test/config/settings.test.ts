import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSettings, SettingsError } from '../../config/settings.js';

describe('loadSettings', () => {
  it('starts on embedded defaults', () => {
    const s = loadSettings({});
    expect(s).toMatchObject({
      PORT: 3000,
      HOST: '127.0.0.1',
      DATA_DIR: './data',
      LOG_LEVEL: 'info',
      ACK_DEADLINE_SECONDS: 60,
      SANDBOX_ENABLED: true,
      AUTHOR_REPLY_CAP: 3,
    });
  });

  it('reads environment variables, lists and booleans', () => {
    const s = loadSettings({ PORT: '8080', BRAND_HANDLES: '@acme, @acme_help', SANDBOX_ENABLED: 'false', ACK_DEADLINE_SECONDS: '5' });
    expect(s.PORT).toBe(8080);
    expect(s.BRAND_HANDLES).toEqual(['@acme', '@acme_help']);
    expect(s.SANDBOX_ENABLED).toBe(false);
    expect(s.ACK_DEADLINE_SECONDS).toBe(5);
  });

  it("reads TRUST_PROXY as off, on, or the proxies' addresses, and refuses anything else", () => {
    expect(loadSettings({}).TRUST_PROXY).toBe(false);
    expect(loadSettings({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(true);
    expect(loadSettings({ TRUST_PROXY: 'false' }).TRUST_PROXY).toBe(false);
    expect(loadSettings({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,loopback' }).TRUST_PROXY).toBe('127.0.0.1, 10.0.0.0/8,loopback');
    expect(() => loadSettings({ TRUST_PROXY: 'my-proxy.example' })).toThrowError(/TRUST_PROXY/);
  });

  it('names the bad setting and the value it got', () => {
    expect(() => loadSettings({ PORT: 'eighty' })).toThrowError(SettingsError);
    expect(() => loadSettings({ PORT: 'eighty' })).toThrowError(/PORT: .*\(got "eighty"\)/);
    expect(() => loadSettings({ LOG_LEVEL: 'loud' })).toThrowError(/LOG_LEVEL/);
    expect(() => loadSettings({ PORT: '70000', ACK_DEADLINE_SECONDS: '0' })).toThrowError(/PORT[\s\S]*ACK_DEADLINE_SECONDS/);
  });

  it('refuses a sandbox post limit longer than the sandbox route takes, instead of a schema error on each longer post', () => {
    expect(loadSettings({ SANDBOX_MAX_LENGTH: '10000' }).SANDBOX_MAX_LENGTH).toBe(10_000);
    expect(() => loadSettings({ SANDBOX_MAX_LENGTH: '20000' })).toThrowError(/SANDBOX_MAX_LENGTH: .*\(got "20000"\)/);
  });

  it('reads the answer threshold as a fraction and refuses one outside (0, 1]', () => {
    expect(loadSettings({}).ANSWER_THRESHOLD).toBeUndefined();
    expect(loadSettings({ ANSWER_THRESHOLD: '0.965' }).ANSWER_THRESHOLD).toBe(0.965);
    expect(() => loadSettings({ ANSWER_THRESHOLD: '1.5' })).toThrowError(/ANSWER_THRESHOLD/);
    expect(() => loadSettings({ ANSWER_THRESHOLD: '0' })).toThrowError(/ANSWER_THRESHOLD/);
  });

  it('reads an optional settings file, environment winning', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fr-settings-'));
    const file = path.join(dir, 'first-reply.yaml');
    writeFileSync(file, 'PORT: 4000\nLOG_LEVEL: warn\nKNOWN_BOTS: ["@spambot"]\n');
    const s = loadSettings({ FIRST_REPLY_CONFIG: file, LOG_LEVEL: 'debug' });
    expect(s.PORT).toBe(4000);
    expect(s.LOG_LEVEL).toBe('debug');
    expect(s.KNOWN_BOTS).toEqual(['@spambot']);
  });

  it('refuses unknown keys and unreadable files in the settings file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fr-settings-'));
    const file = path.join(dir, 's.json');
    writeFileSync(file, '{"PROT": 1}');
    expect(() => loadSettings({ FIRST_REPLY_CONFIG: file })).toThrowError(/Unknown setting "PROT"/);
    writeFileSync(file, '{"PORT": ');
    expect(() => loadSettings({ FIRST_REPLY_CONFIG: file })).toThrowError(/not valid JSON/);
    expect(() => loadSettings({ FIRST_REPLY_CONFIG: path.join(dir, 'missing.yaml') })).toThrowError(/Cannot read settings file/);
  });

  it('names a bad secret setting without echoing its value', () => {
    let message = '';
    try {
      loadSettings({ TEAM_WEBHOOK_URL: 'hooks.slack.com/services/T0/B0/s3cret', ADMIN_PASSWORD: 's3cret' });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/TEAM_WEBHOOK_URL: /);
    expect(message).toMatch(/ADMIN_PASSWORD: /);
    expect(message).not.toContain('s3cret');
  });

  it('reads business hours and refuses a bad time zone, naming it', () => {
    expect(loadSettings({ BUSINESS_HOURS: 'Mon-Fri 09:00-18:00', BUSINESS_TIMEZONE: 'Europe/Paris' }).BUSINESS_TIMEZONE).toBe(
      'Europe/Paris',
    );
    expect(() => loadSettings({ BUSINESS_TIMEZONE: 'Mars/Olympus' })).toThrowError(/BUSINESS_TIMEZONE: must be an IANA time zone/);
    expect(() => loadSettings({ BUSINESS_HOURS: 'Mon-Fri 9-18' })).toThrowError(/BUSINESS_HOURS: .*9-18/);
  });
});
