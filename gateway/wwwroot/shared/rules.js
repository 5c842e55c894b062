// The browser half of the one rule engine; services/Form/Rules/RuleEngine.cs is the server half. Both read
// the same form definition and are held to the same behaviour by tests/Form.Tests/vectors, so change them
// together. A pure module: no DOM, no fetch.
// Semantics: strings are trimmed of spaces, tabs and line breaks; empty means null, "" or false; hidden fields
// (section, group or field condition false) count as empty and are not checked; a field reports its first error.

// German, English, French, Italian and Leichte Sprache; the same table lives in RuleMessages.cs.
const MESSAGES = {
  required: ['Bitte ausfüllen.', 'Please fill in this field.', 'Veuillez remplir ce champ.', 'Compilate questo campo.', 'Bitte füllen Sie dieses Feld aus.'],
  requiredTick: ['Bitte ankreuzen.', 'Please tick this box.', 'Veuillez cocher cette case.', 'Spuntate questa casella.', 'Bitte machen Sie hier ein Häkchen.'],
  type: ['Ungültiger Wert.', 'Invalid value.', 'Valeur non valable.', 'Valore non valido.', 'Diese Angabe passt hier nicht. Bitte prüfen Sie die Angabe.'],
  number: ['Bitte eine Zahl angeben.', 'Please enter a number.', 'Veuillez indiquer un nombre.', 'Indicate un numero.', 'Bitte schreiben Sie hier eine Zahl.'],
  date: ['Bitte ein gültiges Datum angeben.', 'Please enter a valid date.', 'Veuillez indiquer une date valable.', 'Indicate una data valida.', 'Bitte schreiben Sie hier ein richtiges Datum.'],
  choice: ['Bitte eine der Möglichkeiten wählen.', 'Please choose one of the options.', 'Veuillez choisir l’une des options.', 'Scegliete una delle opzioni.', 'Bitte suchen Sie etwas aus der Liste aus.'],
  email: ['Bitte eine gültige E-Mail-Adresse angeben.', 'Please enter a valid email address.', 'Veuillez indiquer une adresse e-mail valable.', 'Indicate un indirizzo e-mail valido.', 'Bitte prüfen Sie die E-Mail-Adresse. Eine E-Mail-Adresse sieht so aus: name@beispiel.ch'],
  document: ['Bitte eine gültige Dokumentnummer angeben.', 'Please enter a valid document reference.', 'Veuillez indiquer un numéro de document valable.', 'Indicate un numero di documento valido.', 'Bitte prüfen Sie die Dokument-Nummer. Die Nummer steht in der Bestätigung vom Hochladen.'],
  pattern: ['Das Format stimmt nicht.', 'The format is not valid.', 'Le format n’est pas valable.', 'Il formato non è valido.', 'Diese Angabe stimmt so nicht. Bitte prüfen Sie die Angabe.'],
  minLength: ['Mindestens {value} Zeichen.', 'At least {value} characters.', 'Au moins {value} caractères.', 'Almeno {value} caratteri.', 'Das ist zu kurz. Bitte schreiben Sie mindestens {value} Zeichen.'],
  maxLength: ['Höchstens {value} Zeichen.', 'At most {value} characters.', 'Au plus {value} caractères.', 'Al massimo {value} caratteri.', 'Das ist zu lang. Bitte schreiben Sie höchstens {value} Zeichen.'],
  min: ['Mindestens {value}.', 'At least {value}.', 'Au moins {value}.', 'Almeno {value}.', 'Die Zahl ist zu klein. Die kleinste Zahl ist {value}.'],
  max: ['Höchstens {value}.', 'At most {value}.', 'Au plus {value}.', 'Al massimo {value}.', 'Die Zahl ist zu gross. Die grösste Zahl ist {value}.'],
  notInFuture: ['Das Datum darf nicht in der Zukunft liegen.', 'The date must not be in the future.', 'La date ne peut pas être dans le futur.', 'La data non può essere nel futuro.', 'Dieses Datum ist in der Zukunft. Bitte nehmen Sie heute oder ein Datum vor heute.'],
  notInPast: ['Das Datum darf nicht in der Vergangenheit liegen.', 'The date must not be in the past.', 'La date ne peut pas être dans le passé.', 'La data non può essere nel passato.', 'Dieses Datum ist schon vorbei. Bitte nehmen Sie heute oder ein Datum nach heute.'],
  maxDaysAhead: ['Das Datum darf höchstens {value} Tage in der Zukunft liegen.', 'The date may be at most {value} days ahead.', 'La date peut se situer au plus {value} jours dans le futur.', 'La data può essere al massimo {value} giorni nel futuro.', 'Dieses Datum ist zu weit weg. Es darf höchstens {value} Tage nach heute sein.'],
  maxDaysAgo: ['Das Datum darf höchstens {value} Tage zurückliegen.', 'The date may be at most {value} days ago.', 'La date peut remonter au plus à {value} jours.', 'La data può risalire al massimo a {value} giorni fa.', 'Dieses Datum ist zu lange her. Es darf höchstens {value} Tage vor heute sein.'],
  minAge: ['Das Mindestalter ist {value} Jahre.', 'The minimum age is {value} years.', 'L’âge minimum est de {value} ans.', 'L’età minima è di {value} anni.', 'Die Person muss mindestens {value} Jahre alt sein.'],
  compare: ['Der Wert passt nicht zu «{field}».', 'The value does not fit “{field}”.', 'La valeur ne correspond pas à « {field} ».', 'Il valore non corrisponde a «{field}».', 'Das passt nicht zu «{field}». Bitte prüfen Sie beide Angaben.'],
};

const INVALID = Symbol('invalid');
const DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
// A decimal point or comma: French and Italian phone keyboards type "28,5" in a decimal field.
const NUMBER = /^-?[0-9]+([.,][0-9]+)?$/;
// The browser's twin of ServiceDefaults' EmailAddresses: the domain needs dot-separated labels and an alphabetic ending.
export const EMAIL = /^[^@\s]{1,64}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})$/;
const DOCUMENT = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** Every field that holds a value (group members, never the group), in display order. */
export function leaves(definition) {
  return definition.sections.flatMap(s => s.fields.flatMap(f => (f.fields && f.fields.length ? f.fields : [f])));
}

/** Today's date (YYYY-MM-DD) in the given zone: pages pass the city's (dates.js cityToday), which is what the server compares with. */
export function today(now = new Date(), timeZone = undefined) {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const get = type => parts.find(p => p.type === type).value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** Checks values against the definition: [{ field, code, message }], empty when valid. */
export function validate(definition, values, { today: day = today(), lang = 'de' } = {}) {
  const { effective, visible } = resolve(definition, values || {});
  const todayNumber = parseDate(day);
  const errors = [];
  for (const leaf of leaves(definition)) {
    if (!visible[leaf.id]) continue;
    const error = check(leaf, effective, todayNumber, definition, lang);
    if (error) errors.push(error);
  }
  return errors;
}

/** Which fields are shown for these values: { fieldId: boolean } (group members by their own id). */
export function visibility(definition, values) {
  return resolve(definition, values || {}).visible;
}

/** Whether a section, group or field with this condition is shown. */
export function holdsFor(definition, values, condition) {
  return holds(condition, resolve(definition, values || {}).effective);
}

function resolve(definition, values) {
  const effective = {};
  const visible = {};
  for (const section of definition.sections) {
    const sectionVisible = holds(section.visibleWhen, effective);
    for (const field of section.fields) {
      const fieldVisible = sectionVisible && holds(field.visibleWhen, effective);
      for (const leaf of field.fields && field.fields.length ? field.fields : [field]) {
        const shown = fieldVisible && (leaf === field || holds(leaf.visibleWhen, effective));
        visible[leaf.id] = shown;
        effective[leaf.id] = shown ? normalize(values[leaf.id]) : null;
      }
    }
  }
  return { effective, visible };
}

function holds(c, effective) {
  if (!c) return true;
  let result = true;
  if (c.field != null) {
    const value = c.field in effective ? effective[c.field] : null;
    if (c.equals !== undefined && c.equals !== null) result = result && same(value, normalize(c.equals));
    if (Array.isArray(c.in)) result = result && c.in.some(o => same(value, normalize(o)));
    if (typeof c.notEmpty === 'boolean') result = result && c.notEmpty === !isEmpty(value);
  }
  if (Array.isArray(c.all)) result = result && c.all.every(inner => holds(inner, effective));
  if (Array.isArray(c.any)) result = result && c.any.some(inner => holds(inner, effective));
  return result;
}

function check(leaf, effective, todayNumber, definition, lang) {
  const value = effective[leaf.id];
  const error = (code, rule, field = '', wording = code) => ({
    field: leaf.id,
    code,
    message: (rule && rule.message && (rule.message[lang] ?? rule.message.de)) || message(wording, lang, rule && rule.value != null ? String(rule.value) : '', field),
  });

  if (value === INVALID) return error('type');
  // A box to tick is asked to be ticked, not "filled in".
  if (isEmpty(value)) return leaf.required ? error('required', null, '', leaf.type === 'checkbox' ? 'requiredTick' : 'required') : null;

  const text = typeof value === 'string' ? value : null;
  let typeError = null;
  switch (leaf.type) {
    case 'text': typeError = text === null ? 'type' : null; break;
    case 'email': typeError = text === null ? 'type' : EMAIL.test(text) ? null : 'email'; break;
    case 'number': typeError = text === null ? 'type' : parseNumber(text) === null ? 'number' : null; break;
    case 'date': typeError = text === null ? 'type' : parseDate(text) === null ? 'date' : null; break;
    case 'choice': typeError = text === null || !(leaf.options || []).some(o => o.value === text) ? 'choice' : null; break;
    case 'checkbox': typeError = typeof value === 'boolean' ? null : 'type'; break;
    case 'document': typeError = text === null ? 'type' : DOCUMENT.test(text) ? null : 'document'; break;
    default: typeError = 'type';
  }
  if (typeError) return error(typeError);

  for (const rule of leaf.rules || []) {
    if (!passes(rule, leaf, text, effective, todayNumber)) {
      const other = rule.field ? (leaves(definition).find(f => f.id === rule.field)?.label?.[lang] ?? leaves(definition).find(f => f.id === rule.field)?.label?.de ?? rule.field) : '';
      return error(rule.type, rule, other);
    }
  }
  return null;
}

function passes(rule, leaf, text, effective, todayNumber) {
  const n = typeof rule.value === 'number' ? rule.value : 0;
  const date = text === null ? null : parseDate(text);
  switch (rule.type) {
    case 'pattern': return text !== null && new RegExp('^(?:' + rule.value + ')$').test(text);
    case 'minLength': return text === null || text.length >= n;
    case 'maxLength': return text === null || text.length <= n;
    case 'min': { const low = text === null ? null : parseNumber(text); return low === null || low >= n; }
    case 'max': { const high = text === null ? null : parseNumber(text); return high === null || high <= n; }
    case 'notInFuture': return date === null || date <= todayNumber;
    case 'notInPast': return date === null || date >= todayNumber;
    case 'maxDaysAhead': return date === null || date - todayNumber <= n;
    case 'maxDaysAgo': return date === null || todayNumber - date <= n;
    case 'minAge': return date === null || age(date, todayNumber) >= n;
    case 'compare': {
      const other = typeof effective[rule.field] === 'string' ? effective[rule.field] : null;
      let self, them;
      if (leaf.type === 'date') { self = date; them = other === null ? null : parseDate(other); }
      else { self = text === null ? null : parseNumber(text); them = other === null ? null : parseNumber(other); }
      if (self === null || them === null) return true;
      switch (rule.op) { case '<': return self < them; case '<=': return self <= them; case '>': return self > them; default: return self >= them; }
    }
    default: return false;
  }
}

function age(birthNumber, todayNumber) {
  const b = new Date(birthNumber * 86400000);
  const t = new Date(todayNumber * 86400000);
  const before = t.getUTCMonth() < b.getUTCMonth() || (t.getUTCMonth() === b.getUTCMonth() && t.getUTCDate() < b.getUTCDate());
  return t.getUTCFullYear() - b.getUTCFullYear() - (before ? 1 : 0);
}

/** A day number for YYYY-MM-DD (years 1000–9999, real calendar days), else null. */
export function parseDate(text) {
  if (typeof text !== 'string' || !DATE.test(text)) return null;
  const [y, m, d] = text.split('-').map(Number);
  if (y < 1000) return null;
  const ms = Date.UTC(y, m - 1, d);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return null;
  return ms / 86400000;
}

function parseNumber(text) {
  return NUMBER.test(text) ? Number.parseFloat(text.replace(',', '.')) : null;
}

function normalize(value) {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return String(value);
  return INVALID;
}

function isEmpty(value) {
  return value === null || value === '' || value === false;
}

function same(a, b) {
  if (a === null) return b === null;
  return a !== INVALID && a === b;
}

function message(code, lang, value, field) {
  const pair = MESSAGES[code];
  return pair[{ en: 1, fr: 2, it: 3, 'de-x-ls': 4 }[lang] ?? 0].replace('{value}', value).replace('{field}', field);
}
