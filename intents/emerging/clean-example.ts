/**
 * A customer's words made fit to show an editor and to keep as an example: handles, links, e-mail
 * addresses, phone and long account or order numbers taken out (they identify a person and teach the
 * model nothing about the issue), invisible control characters dropped, spaces collapsed.
 */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g;
const LINK = /\b(?:https?:\/\/|www\.)\S{0,2000}/gi;
const EMAIL = /[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}/g;
const HANDLE = /(^|[^\w])@[\w.]{1,100}(?:@[\w.-]{1,200})?/g;
// Seven digits or more, spaced or dashed as phone numbers are: personal, and never the issue itself.
const LONG_NUMBER = /\+?\d[\d ().-]{5,40}\d/g;

export function cleanExample(text: string): string {
  return text
    .replace(CONTROL, '')
    .replace(LINK, ' ')
    .replace(EMAIL, ' ')
    .replace(HANDLE, '$1 ')
    .replace(LONG_NUMBER, (m) => (m.replace(/\D/g, '').length >= 7 ? ' ' : m))
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .replace(/^[\s,.:;-]+/, '')
    .trim();
}
