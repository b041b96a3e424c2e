import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { emergingSettingsShape } from './emerging-settings.js';
import { MIN_PASSWORD_LENGTH } from './password-policy.js';
import { hoursSettingsShape } from './hours-settings.js';

/**
 * Service settings: environment variables win over the optional settings file
 * (FIRST_REPLY_CONFIG, YAML or JSON, keys named like the variables). Validated once at start.
 */

const bool = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0', 'yes', 'no'])])
  .transform((v) => v === true || v === 'true' || v === '1' || v === 'yes');
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const list = z
  .union([z.array(z.string()), z.string()])
  .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean));

/** The longest text the sandbox's POST /sandbox/mentions takes (UTF-16 code units: the body's own bound). */
export const SANDBOX_TEXT_LIMIT = 10_000;

const settingsShape = {
  PORT: int(0, 65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  /**
   * SQLite's fsync policy. FULL: every commit (each accepted mention before its "received") is on
   * disk, surviving power loss and OS crashes. NORMAL: faster, survives the process being killed, but
   * a power cut can lose the last commits, mentions the platform will not send again.
   */
  SQLITE_SYNCHRONOUS: z.preprocess((v) => (typeof v === 'string' ? v.trim().toUpperCase() : v), z.enum(['FULL', 'NORMAL'])).default('FULL'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  KNOWLEDGE_FILE: z.string().min(1).default('./config/knowledge.yaml'),
  /** Reload the knowledge file when it changes (validated first; a bad version never goes live). */
  KNOWLEDGE_WATCH: bool.default(true),
  /** Routing rules for handoffs (teams, tags, priority...); absent: none until an admin publishes some. Reloaded when it changes. */
  ROUTING_FILE: z.string().min(1).default('./config/routing.yaml'),
  /** A mention not answered within this many seconds gets the acknowledgement at once. */
  ACK_DEADLINE_SECONDS: int(1, 86_400).default(60),
  /** The brand's own handles on every channel: their posts are never answered. */
  BRAND_HANDLES: list.default(['@acme']),
  /** Authors known to be bots (handles), never answered. */
  KNOWN_BOTS: list.default([]),
  /** At most this many bot replies per author per window; past it the thread goes to a human silently. */
  AUTHOR_REPLY_CAP: int(1, 1000).default(3),
  AUTHOR_REPLY_WINDOW_SECONDS: int(60, 86_400 * 7).default(3600),
  /** production: safe defaults for a service others can reach (the sandbox off, secure cookies). */
  NODE_ENV: z.string().optional(),
  /** The sandbox channel; default on, off with NODE_ENV=production (anyone who reaches it can fill the queue). */
  SANDBOX_ENABLED: bool.optional(),
  /** Thanks, praise, spam and noise decided as no_reply (a courtesy reply or nothing, no queue row). */
  NO_REPLY_DECISIONS: bool.default(true),
  /**
   * A thanks longer than this many words goes to a person: long ones carry details or a second matter
   * more often than the no_reply precision allows (praise without a thanks: 12 words at most).
   */
  COURTESY_MAX_WORDS: int(1, 60).default(30),
  /** A thread the brand answered natively on the platform is resolved (false: kept open, owned by `platform:<handle>`). */
  NATIVE_REPLY_RESOLVES: bool.default(true),
  /** Simulated platform latency of the sandbox channel, for demos and load tests. */
  SANDBOX_REPLY_DELAY_MS: int(0, 60_000).default(0),
  /** At most SANDBOX_TEXT_LIMIT: the sandbox's route takes no longer text, whatever this says. */
  SANDBOX_MAX_LENGTH: int(20, SANDBOX_TEXT_LIMIT).default(500),
  /** A request, headers and body, must arrive whole within this; else 408 and the connection is closed. Never cuts a response (an event stream stays open). */
  REQUEST_TIMEOUT_SECONDS: int(1, 3600).default(30),
  /** A request's headers must arrive within this (at most REQUEST_TIMEOUT_SECONDS). */
  HEADERS_TIMEOUT_SECONDS: int(1, 3600).default(10),
  /** An idle keep-alive connection between requests is closed after this (longer than a proxy's or load balancer's idle timeout). */
  KEEP_ALIVE_TIMEOUT_SECONDS: int(1, 3600).default(72),
  /** A connection on which nothing moves either way for this long is closed (a client that stops reading). */
  IDLE_TIMEOUT_SECONDS: int(1, 86_400).default(120),
  /** Open connections at most; past it new ones are closed at once, whoever they are from, until some end. */
  MAX_CONNECTIONS: int(1, 1_000_000).default(1000),
  /** How long shutdown may take to finish in-flight work before it stops anyway. */
  SHUTDOWN_TIMEOUT_SECONDS: int(1, 600).default(10),
  /**
   * Outbox: network errors and 5xx are retried (first delay OUTBOX_RETRY_BASE_MS, doubling, jittered,
   * at most OUTBOX_RETRY_MAX_DELAY_SECONDS apart) until OUTBOX_RETRY_HORIZON_MINUTES after the reply
   * was queued; then, or at once on a permanent refusal, the reply is given up and its thread goes to
   * a person. OUTBOX_MAX_ATTEMPTS (older configurations) also gives a reply up after that many attempts.
   */
  OUTBOX_RETRY_BASE_MS: int(10, 600_000).default(1000),
  OUTBOX_RETRY_MAX_DELAY_SECONDS: int(1, 3600).default(300),
  OUTBOX_RETRY_HORIZON_MINUTES: int(1, 7 * 24 * 60).default(360),
  OUTBOX_MAX_ATTEMPTS: int(1, 100_000).optional(),
  /** Set: the store is this Redis server, shared by several instances (else SQLite in DATA_DIR). */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/\S+$/, 'must be a redis:// or rediss:// URL')
    .optional(),
  /** Starts every Redis key, so several deployments (or tests) can share one server. */
  REDIS_PREFIX: z.string().min(1).default('first-reply:'),
  /** local: sentence embeddings + learned models (intents/). keyword: the lexical matcher only. */
  UNDERSTANDING: z.enum(['local', 'keyword']).default('local'),
  /** use: Universal Sentence Encoder Lite, shipped in npm. transformers: an ONNX model in MODEL_DIR. */
  EMBEDDINGS: z.enum(['use', 'transformers']).default('use'),
  MODEL_DIR: z.string().min(1).optional(),
  /** Let the transformers backend download MODEL_DIR from the model hub. Off: nothing is fetched at run time. */
  ALLOW_REMOTE_MODELS: bool.default(false),
  /** USE Lite's engine: onnx (native ONNX Runtime; falls back to wasm with a log line when it cannot load) or wasm (TensorFlow.js). Same vectors. */
  USE_ENGINE: z.enum(['onnx', 'wasm']).default('onnx'),
  /** Threads that run the sentence encoder (USE Lite), off the thread that takes in mentions; 0 runs it in-process. About 60-100 MB each (onnx), 120 MB (wasm). */
  UNDERSTANDING_THREADS: int(0, 16).default(1),
  /**
   * Lowest calibrated confidence (P the answer is right) at which the local understanding answers in
   * public; unset: the shipped calibration's (intents/models/calibration.json). Higher: fewer wrong
   * answers, more handoffs.
   */
  ANSWER_THRESHOLD: z.coerce.number().gt(0).max(1).optional(),
  /** Where example embeddings are cached on disk (default DATA_DIR/cache). */
  EMBEDDING_CACHE_DIR: z.string().min(1).optional(),
  /** Console and agent API sign-in: sessions end this long after sign-in. */
  SESSION_TTL_MINUTES: int(5, 7 * 24 * 60).default(480),
  /** Session cookies only over HTTPS (behind a TLS proxy); default on with NODE_ENV=production, else off. */
  SECURE_COOKIES: bool.optional(),
  /** Set: GET /metrics needs `Authorization: Bearer <METRICS_TOKEN>` (else 401). */
  METRICS_TOKEN: z.string().min(16, 'at least 16 characters').regex(/^\S+$/, 'no spaces').optional(),
  /**
   * Whose X-Forwarded-For gives the client address (sign-in throttling, logs): false (the socket's
   * address), true (any sender: only when nothing but the proxy can reach the service), or the
   * proxies' addresses/CIDRs separated by commas (e.g. 127.0.0.1,10.0.0.0/8; loopback, uniquelocal).
   */
  TRUST_PROXY: z
    .union([z.boolean(), z.string()])
    .transform((v): boolean | string => {
      const s = String(v).trim();
      if (['false', '0', 'no', ''].includes(s)) return false;
      return ['true', '1', 'yes'].includes(s) ? true : s;
    })
    .refine(
      (v) =>
        typeof v !== 'string' || v.split(',').every((a) => /^(loopback|linklocal|uniquelocal|[0-9a-fA-F.:]+(\/\d{1,3})?)$/.test(a.trim())),
      'true, false, or proxy addresses/CIDRs separated by commas',
    )
    .default(false),
  /** Set: the user "admin" (all roles) exists with this password at start. Else create users with `first-reply users add`. */
  ADMIN_PASSWORD: z.string().min(MIN_PASSWORD_LENGTH, `at least ${MIN_PASSWORD_LENGTH} characters`).optional(),
  /** A claimed thread nobody acted on for this long goes back to the queue. */
  CLAIM_IDLE_MINUTES: int(1, 7 * 24 * 60).default(30),
  /** Workload cap: at most this many threads claimed per agent (0: none); an admin may set one per agent instead. */
  AGENT_CLAIM_CAP: int(0, 1000).default(0),
  /** Teams whose queue goes round robin to their signed-in agents under their cap ("*": every team; empty: off). */
  AUTO_ASSIGN_TEAMS: list.default([]),
  /** The console's public address, for links in team notifications (may hold {threadKey}). */
  CONSOLE_URL: z.string().url().optional(),
  /** Replies given up on one channel after a team notice and within this long are told in one grouped notice. */
  TEAM_WEBHOOK_GROUP_SECONDS: int(1, 3600).default(60),
  /** The acknowledgement outside business hours; {{opens}} says when a person will answer, {{author}} who is addressed. */
  AFTER_HOURS_ACKNOWLEDGEMENT: z
    .string()
    .min(1)
    .default("Thanks {{author}}, we've got your message. Our team is away right now; a person will answer you here {{opens}}."),
  /** Business hours, human SLA target and team webhook (config/hours-settings.ts). */
  ...hoursSettingsShape,
  /** Emerging incidents: the grouping of handed-off mentions (config/emerging-settings.ts). */
  ...emergingSettingsShape,
};

export const settingsSchema = z
  .object(settingsShape)
  .superRefine((s, ctx) => {
    if (s.HEADERS_TIMEOUT_SECONDS > s.REQUEST_TIMEOUT_SECONDS) {
      ctx.addIssue({
        code: 'custom',
        path: ['HEADERS_TIMEOUT_SECONDS'],
        message: `at most REQUEST_TIMEOUT_SECONDS (${s.REQUEST_TIMEOUT_SECONDS}): the headers are part of the request`,
      });
    }
    if (s.EMBEDDINGS === 'transformers' && !s.MODEL_DIR) {
      ctx.addIssue({
        code: 'custom',
        path: ['MODEL_DIR'],
        message: 'EMBEDDINGS=transformers needs MODEL_DIR, the folder of a local ONNX sentence-embedding model',
      });
    }
  })
  // Unset, these follow NODE_ENV: a production service is reachable by strangers.
  .transform((s) => {
    const production = s.NODE_ENV === 'production';
    return { ...s, SANDBOX_ENABLED: s.SANDBOX_ENABLED ?? !production, SECURE_COOKIES: s.SECURE_COOKIES ?? production };
  });

export type Settings = z.infer<typeof settingsSchema>;

export class SettingsError extends Error {
  override name = 'SettingsError';
}

/** Settings whose value is (or may hold) a secret: an error names them but never echoes the value. */
const SECRET_SETTINGS = new Set(['ADMIN_PASSWORD', 'TEAM_WEBHOOK_URL', 'REDIS_URL', 'METRICS_TOKEN']);

const KEYS = Object.keys(settingsShape) as (keyof Settings)[];

/** Loads settings from the environment and, if FIRST_REPLY_CONFIG names one, a settings file. */
export function loadSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const fromFile = env.FIRST_REPLY_CONFIG ? readSettingsFile(env.FIRST_REPLY_CONFIG) : {};
  const raw: Record<string, unknown> = { ...fromFile };
  for (const key of KEYS) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const unknown = Object.keys(fromFile).filter((k) => !(KEYS as string[]).includes(k));
  if (unknown.length > 0) {
    throw new SettingsError(`Unknown setting ${unknown.map((k) => `"${k}"`).join(', ')} in ${env.FIRST_REPLY_CONFIG}`);
  }
  const parsed = settingsSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const key = String(issue.path[0] ?? '?');
      const got = SECRET_SETTINGS.has(key) ? undefined : raw[key];
      return `  ${key}: ${issue.message}${got === undefined ? '' : ` (got ${JSON.stringify(got)})`}`;
    });
    throw new SettingsError(`Invalid settings:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

function readSettingsFile(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new SettingsError(`Cannot read settings file ${file}: ${(err as Error).message}`);
  }
  let data: unknown;
  try {
    data = path.extname(file) === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    throw new SettingsError(
      `Settings file ${file} is not valid ${path.extname(file) === '.json' ? 'JSON' : 'YAML'}: ${(err as Error).message}`,
    );
  }
  if (data === null || data === undefined) return {};
  if (typeof data !== 'object' || Array.isArray(data))
    throw new SettingsError(`Settings file ${file} must hold a mapping of SETTING: value`);
  return data as Record<string, unknown>;
}
