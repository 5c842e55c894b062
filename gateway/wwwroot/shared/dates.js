// Dates and times as the city reads them: in its time zone (City:TimeZone, served by /api/city) and the page's
// language, whatever zone the device is set to. A resident abroad and a clerk on a laptop left on summer time both
// see the counter's hours. The one formatter for instants; pass a zone only where the service names one (a
// department's own zone on a booking).
import { city, locale } from '/shared/i18n.js';
import { today } from '/shared/rules.js';

/** The city's IANA time zone. */
export const cityTimeZone = () => city.timeZone;

/** An instant (ISO text, Date or milliseconds) with Intl.DateTimeFormat options, in the city's zone unless one is given. */
export function formatInstant(value, options, timeZone = city.timeZone) {
  return new Intl.DateTimeFormat(locale(), { ...options, timeZone: timeZone || city.timeZone }).format(new Date(value));
}

/** "Monday, 7 December 2026 at 09:30": an appointment or an offered time. */
export const formatWhen = (value, timeZone) => formatInstant(value, { dateStyle: 'full', timeStyle: 'short' }, timeZone);

/** Date and time in a list or a history, short ("07.12.26, 09:30") or medium. */
export const formatDateTime = (value, dateStyle = 'short', timeZone) => formatInstant(value, { dateStyle, timeStyle: 'short' }, timeZone);

/** "Monday, 7 December": the heading over a day's times. */
export const formatDay = (value, timeZone) => formatInstant(value, { weekday: 'long', day: 'numeric', month: 'long' }, timeZone);

/** "09:30". */
export const formatTime = (value, timeZone) => formatInstant(value, { hour: '2-digit', minute: '2-digit' }, timeZone);

/**
 * "17:30" as the end of a time range; an end at midnight as the day's end, "24:00" (hourCycle h24), not as "00:00",
 * which reads as that day's start: the last appointment of a department open until midnight.
 */
export function formatEnd(value, timeZone) {
  const midnight = formatInstant(value, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }, timeZone).replace(/\D/g, '') === '0000';
  return formatInstant(value, { hour: '2-digit', minute: '2-digit', ...(midnight ? { hourCycle: 'h24' } : {}) }, timeZone);
}

/** The city's today as YYYY-MM-DD (what the services call today), whatever the device's zone. */
export const cityToday = (now = new Date()) => today(now, city.timeZone);

/**
 * A calendar date without a time (YYYY-MM-DD: a birth date, a day of the statistics) in the page's language: the
 * same day in every zone, so it is formatted in UTC. Intl options as for formatInstant; by default "07.12.2026".
 */
export function formatDate(iso, options = {}) {
  const [year, month, day] = String(iso).split('-').map(Number);
  return new Intl.DateTimeFormat(locale(), { ...options, timeZone: 'UTC' }).format(Date.UTC(year, month - 1, day));
}
