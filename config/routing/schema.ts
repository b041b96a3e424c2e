import { z } from 'zod';
import { unsafePattern } from './safe-pattern.js';

/** Names of teams, tags and rules: lower-case words, as agents type them in the console. */
const name = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'use lower-case letters, digits, - and _ (at most 40)');
const list = <T extends z.ZodType>(item: T, max = 50) => z.array(item).min(1).max(max);
const phrase = z.string().trim().min(1).max(100);
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const SENTIMENTS = ['negative', 'neutral', 'positive'] as const;

const pattern = z.string().superRefine((source, ctx) => {
  const why = unsafePattern(source);
  if (why) ctx.addIssue({ code: 'custom', message: why });
});

// An unknown key is reported alone, not also as "nothing given" (it was dropped from the data).
const onlyIfValid = (payload: { issues: readonly unknown[] }) => payload.issues.length === 0;

/** Every condition a rule may hold; all of a rule's conditions must match, any item of a list does. */
export const conditionsSchema = z
  .strictObject({
    /** Built-in intent (refund, outage...) or knowledge entry id. */
    topic: list(z.string().min(1).max(64)).optional(),
    /** Words or phrases, matched whole and case-insensitively. */
    keywords: list(phrase, 200).optional(),
    /** Regular expressions, case-insensitive (checked for runaway backtracking). */
    patterns: list(pattern, 20).optional(),
    /** ISO 639-1 language codes, as detected from the text. */
    language: list(z.string().regex(/^[a-z]{2}$/, 'an ISO 639-1 code such as en or fr')).optional(),
    channel: list(z.string().min(1).max(40)).optional(),
    /** Brand handles addressed in the post (@acme_billing). */
    handle: list(z.string().regex(/^@?[\w.-]{1,100}$/, 'a handle such as @acme')).optional(),
    priority: list(z.enum(PRIORITIES)).optional(),
    sentiment: list(z.enum(SENTIMENTS)).optional(),
    complaint: z.boolean().optional(),
    customer_tags: list(name).optional(),
    /** open: within business hours; closed: outside them. */
    hours: z.enum(['open', 'closed']).optional(),
  })
  .refine((c) => Object.keys(c).length > 0, {
    message: 'give at least one condition (a rule for everything: leave `when` out)',
    when: onlyIfValid,
  });

export const actionsSchema = z
  .strictObject({
    team: name.optional(),
    priority: z.enum(PRIORITIES).optional(),
    tags: list(name, 10).optional(),
    /** A team whose webhook (Slack or Teams, set on the team) is told. */
    notify: name.optional(),
    /** A person's user name. */
    assign: z.string().min(1).max(64).optional(),
    /** Hide the public comment on the platform (Facebook Page and Instagram comments; elsewhere logged). */
    hide: z.literal(true).optional(),
  })
  .refine((a) => Object.keys(a).length > 0, { message: 'give at least one action', when: onlyIfValid });

export const ruleSchema = z.strictObject({
  name,
  when: conditionsSchema.optional(),
  do: actionsSchema,
  /** No later rule is looked at once this one matched. */
  stop: z.boolean().default(false),
});

export const MAX_RULES = 1_000;

export const routingSchema = z
  .strictObject({
    version: z.literal(1),
    rules: z.array(ruleSchema).max(MAX_RULES).default([]),
  })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.rules.forEach((rule, i) => {
      if (seen.has(rule.name)) ctx.addIssue({ code: 'custom', message: `a second rule named ${rule.name}`, path: ['rules', i, 'name'] });
      seen.add(rule.name);
    });
  });

export type Routing = z.infer<typeof routingSchema>;
export type RoutingRule = z.infer<typeof ruleSchema>;
export type RuleConditions = z.infer<typeof conditionsSchema>;
export type RuleActions = z.infer<typeof actionsSchema>;
