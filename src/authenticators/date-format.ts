/**
 * Dates in the language's own way (English for a tag `Intl` doesn't know), with the time: two
 * methods added the same day are told apart by it. A malformed date is shown as sent.
 */
export function dateFormatter(lang: string): (iso: string) => string {
  const style = { dateStyle: 'medium', timeStyle: 'short' } as const;
  let dates: Intl.DateTimeFormat;
  try {
    dates = new Intl.DateTimeFormat(lang, style);
  } catch {
    dates = new Intl.DateTimeFormat('en', style);
  }
  return (iso) => (Number.isNaN(Date.parse(iso)) ? iso : dates.format(new Date(iso)));
}
