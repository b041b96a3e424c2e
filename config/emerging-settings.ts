import { z } from 'zod';

/**
 * The settings of emerging incidents (issue 19), as zod shapes in the style of config/settings.ts:
 * one line, `...emergingSettingsShape`, adds them to its shape.
 */

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

export const emergingSettingsShape = {
  /** Group the mentions this instance hands off and raise emerging incidents (console banner, team notice). */
  EMERGING_INCIDENTS: z
    .union([z.boolean(), z.enum(['true', 'false', '1', '0', 'yes', 'no'])])
    .transform((v) => v === true || v === 'true' || v === '1' || v === 'yes')
    .default(true),
  /** Mentions older than this leave their group (a sliding window). */
  EMERGING_WINDOW_MINUTES: int(1, 7 * 24 * 60).default(60),
  /** A group is raised when it holds this many mentions... */
  EMERGING_MIN_SIZE: int(2, 10_000).default(8),
  /** ...from at least this many distinct authors. */
  EMERGING_MIN_AUTHORS: int(1, 10_000).default(5),
  /** Handed-off mentions waiting to be grouped, at most: past it the oldest are left out (the turn never waits for the grouping). */
  EMERGING_QUEUE: int(100, 1_000_000).default(5000),
};
