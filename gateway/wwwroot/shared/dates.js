// Dates and times as the city reads them: in its time zone (City:TimeZone, served by /api/city) and the page's
// language, whatever zone the device is set to. A resident abroad and a clerk on a laptop left on summer time both
// see the counter's hours. The one formatter for instants; pass a zone only where the service names one (a
// department's own zone on a booking).
import { city, locale } from '/shared/i18n.js';

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
