import type { Activity } from 'botbuilder';
import { previewText } from '../../shared/text-preview.js';

/**
 * How much of a mention the handoff's transcript carries: the longest post a platform itself allows
 * (X's long posts), so a normal mention goes whole. The whole text is kept once, in the mention.
 */
export const TRANSCRIPT_TEXT_CHARS = 25_000;

/**
 * The mention's activity as the handoff.initiate transcript holds it (it is kept with the decision):
 * a longer text is cut, marked `textTruncated` in channelData, and found whole by its mentionId.
 */
export function transcriptActivity(activity: Activity, maxChars = TRANSCRIPT_TEXT_CHARS): Activity {
  if (activity.text === undefined) return activity;
  const preview = previewText(activity.text, maxChars);
  if (!preview.truncated) return activity;
  return { ...activity, text: preview.text, channelData: { ...(activity.channelData as object | undefined), textTruncated: true } };
}
