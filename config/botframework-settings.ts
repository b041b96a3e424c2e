import { z } from 'zod';

/** Settings of the Bot Framework channel, read like the other channels'. */

const url = z.url({ protocol: /^https?$/ }).transform((u) => u.replace(/\/+$/, ''));
const bounded = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const text = z.string().trim().min(1);

export const botframeworkSchema = z.object({
  /** Turns the channel on without authentication (Bot Framework Emulator, local tests). */
  BOTFRAMEWORK_ENABLED: z.enum(['true', 'false', '1', '0', 'yes', 'no']).optional(),
  /** With an app id, every incoming request must carry a valid Bot Framework token. */
  MICROSOFT_APP_ID: text.optional(),
  MICROSOFT_APP_PASSWORD: text.optional(),
  MICROSOFT_APP_TYPE: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  MICROSOFT_APP_TENANT_ID: text.optional(),
  BOTFRAMEWORK_MAX_LENGTH: bounded(20, 100_000).default(4000),
  /**
   * The Direct Line and Web Chat channels' secrets: with them a reply whose send outcome is unknown
   * is looked for in its conversation before it is sent again (the Bot Connector cannot read one).
   */
  BOTFRAMEWORK_DIRECTLINE_SECRET: text.max(1000).optional(),
  BOTFRAMEWORK_WEBCHAT_SECRET: text.max(1000).optional(),
  /** The Direct Line base URI (a regional bot's: https://europe.directline.botframework.com). */
  BOTFRAMEWORK_DIRECTLINE_URL: url.default('https://directline.botframework.com'),
});

export type BotFrameworkSettings = z.infer<typeof botframeworkSchema> & { authEnabled: boolean };
