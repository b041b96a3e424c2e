/** C0 and C1 control characters but tab and newline: nothing a person wrote, never stored or posted. */
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

/** A platform's free text as a mention keeps it: without control characters, line ends as `\n`, trimmed. */
export function cleanText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(CONTROLS, '').trim();
}
