/**
 * Words that carry no identity in a name. They are general rules of naming, not tuned to any list or test pair.
 */

/** Titles and honorifics, dropped from person names. */
// prettier-ignore
export const HONORIFICS: ReadonlySet<string> = new Set([
  'mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'professor', 'sir', 'dame', 'lord', 'lady', 'rev', 'reverend',
  'sheikh', 'shaikh', 'sheik', 'shaykh', 'haji', 'hajji', 'hadji', 'mullah', 'mulla', 'maulvi', 'maulavi', 'mawlawi',
  'maulana', 'qari', 'hafiz', 'sayyid', 'imam', 'general', 'gen', 'colonel', 'col', 'major', 'maj', 'captain', 'capt',
  'lieutenant', 'lt', 'admiral', 'adm', 'sergeant', 'sgt', 'brigadier', 'president', 'minister', 'senator', 'judge',
  'excellency', 'he', 'hon', 'honourable', 'honorable', 'herr', 'frau', 'monsieur', 'mme', 'madame', 'senor',
  'senora', 'gospodin',
]);

/** Generational and professional suffixes, dropped from the end of person names. */
export const NAME_SUFFIXES: ReadonlySet<string> = new Set(['jr', 'sr', 'junior', 'senior', 'esq', 'ii', 'iii', 'iv']);

/**
 * Company-form words mapped to one canonical spelling. They say what kind of company it is, not which one,
 * so they are kept apart from the distinctive words of an organisation's name.
 */
// prettier-ignore
export const COMPANY_FORMS: ReadonlyMap<string, string> = new Map([
  ['limited', 'ltd'], ['ltd', 'ltd'], ['incorporated', 'inc'], ['inc', 'inc'], ['corporation', 'corp'],
  ['corp', 'corp'], ['company', 'co'], ['co', 'co'], ['llc', 'llc'], ['llp', 'llp'], ['lp', 'lp'], ['plc', 'plc'],
  ['pllc', 'pllc'], ['gmbh', 'gmbh'], ['mbh', 'gmbh'], ['ag', 'ag'], ['aktiengesellschaft', 'ag'], ['kg', 'kg'],
  ['kgaa', 'kgaa'], ['se', 'se'], ['sa', 'sa'], ['sas', 'sas'], ['sarl', 'sarl'], ['sl', 'sl'], ['srl', 'srl'],
  ['spa', 'spa'], ['sae', 'sae'], ['bv', 'bv'], ['nv', 'nv'], ['ab', 'ab'], ['as', 'as'], ['asa', 'asa'],
  ['oy', 'oy'], ['oyj', 'oyj'], ['aps', 'aps'], ['pty', 'pty'], ['pte', 'pte'], ['pvt', 'pvt'], ['private', 'pvt'],
  ['bhd', 'bhd'], ['sdn', 'sdn'], ['tbk', 'tbk'], ['jsc', 'jsc'], ['ojsc', 'jsc'], ['pjsc', 'jsc'], ['cjsc', 'jsc'],
  ['oao', 'jsc'], ['zao', 'jsc'], ['pao', 'jsc'], ['ao', 'jsc'], ['ooo', 'llc'], ['too', 'llc'], ['fzco', 'fzco'],
  ['fze', 'fze'], ['fzc', 'fzc'], ['fzllc', 'fzllc'], ['dmcc', 'dmcc'], ['kk', 'kk'], ['kabushiki', 'kk'],
  ['kaisha', 'kk'], ['ltda', 'ltda'], ['cia', 'co'], ['sc', 'sc'], ['holding', 'holding'], ['holdings', 'holding'],
  ['group', 'group'], ['grp', 'group'],
]);

/** Multi-word company forms, folded to one canonical token before tokenising. */
export const COMPANY_FORM_PHRASES: ReadonlyArray<readonly [RegExp, string]> = [
  [/\b(?:public|closed|open|private) joint[ -]stock company\b/g, ' jsc '],
  [/\bjoint[ -]stock company\b/g, ' jsc '],
  [/\bpublic limited company\b/g, ' plc '],
  [/\blimited liability (?:company|partnership)\b/g, ' llc '],
  [/\bsociete anonyme\b/g, ' sa '],
  [/\bsociedad anonima\b/g, ' sa '],
  [/\bfree zone (?:company|establishment)\b/g, ' fzco '],
];

/**
 * Particles that join name parts (al-, bin, van der...). They are kept, because "Ali bin Hassan" and
 * "Ali Hassan" are not quite the same name, but they weigh little.
 */
// prettier-ignore
export const NAME_PARTICLES: ReadonlySet<string> = new Set([
  'al', 'el', 'ul', 'ud', 'ad', 'ar', 'as', 'ash', 'an', 'bin', 'bn', 'ibn', 'bint', 'ben', 'ould', 'abu', 'abou', 'de',
  'da', 'das', 'do', 'dos', 'del', 'della', 'der', 'den', 'di', 'du', 'la', 'le', 'van', 'von', 'y', 'e', 'and',
  'of', 'the', 'for',
]);

/** Particles after which the next word is a father's (or ancestor's) name, not the person's own. */
export const PATRONYMIC_PARTICLES: ReadonlySet<string> = new Set([
  'bin',
  'bn',
  'ibn',
  'bint',
  'ben',
  'ould',
  'binti',
  'ibnu',
]);

/** Abbreviations of words common in organisation names, expanded so both spellings compare equal. */
// prettier-ignore
export const ORGANISATION_ABBREVIATIONS: ReadonlyMap<string, string> = new Map([
  ['intl', 'international'], ['natl', 'national'], ['dept', 'department'],
  ['univ', 'university'], ['assn', 'association'], ['assoc', 'association'], ['mfg', 'manufacturing'],
  ['bros', 'brothers'], ['svcs', 'services'], ['svc', 'service'], ['tech', 'technology'],
  ['inds', 'industries'], ['mgmt', 'management'], ['dev', 'development'], ['eng', 'engineering'], ['st', 'saint'],
  ['mt', 'mount'], ['ctr', 'center'], ['centre', 'center'], ['organisation', 'organization'], ['us', 'united states'],
  ['usa', 'united states'], ['uk', 'united kingdom'], ['uae', 'united arab emirates'],
]);

/** Number words and ordinals, written as digits so "Three Percenters" and "3 Percenters" compare equal. */
// prettier-ignore
export const NUMBER_WORDS: ReadonlyMap<string, number> = new Map([
  ['zero', 0], ['one', 1], ['two', 2], ['three', 3], ['four', 4], ['five', 5], ['six', 6], ['seven', 7],
  ['eight', 8], ['nine', 9], ['ten', 10], ['eleven', 11], ['twelve', 12], ['thirteen', 13], ['fourteen', 14],
  ['fifteen', 15], ['sixteen', 16], ['seventeen', 17], ['eighteen', 18], ['nineteen', 19], ['twenty', 20],
  ['thirty', 30], ['forty', 40], ['fifty', 50], ['sixty', 60], ['seventy', 70], ['eighty', 80], ['ninety', 90],
  ['hundred', 100], ['first', 1], ['second', 2], ['third', 3], ['fourth', 4], ['fifth', 5], ['sixth', 6],
  ['seventh', 7], ['eighth', 8], ['ninth', 9], ['tenth', 10],
]);
