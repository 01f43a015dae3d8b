import type { EntityType } from './entity-type';
import { digitiseNumbers } from './name-numbers';
import {
  COMPANY_FORM_PHRASES,
  COMPANY_FORMS,
  HONORIFICS,
  NAME_PARTICLES,
  NAME_SUFFIXES,
  ORGANISATION_ABBREVIATIONS,
  PATRONYMIC_PARTICLES,
} from './name-vocabulary';
import { transliterateToLatin } from './transliterate-name';

/** What a token is, which decides how much it weighs in a match. */
export type TokenRole = 'NAME' | 'PARTICLE' | 'COMPANY_FORM' | 'NUMBER';

/** A name reduced to comparable tokens. */
export interface NormalisedName {
  /** Lower-case ASCII tokens in reading order ("SURNAME, Given" is turned to "given surname"). */
  tokens: string[];
  roles: TokenRole[];
  /** Whether each token follows "bin", "ibn"...: a father's name, which must not align with a given name. */
  patronymic: boolean[];
  /** Written in a script without vowel letters (Arabic, Hebrew): its transliteration has consonants only. */
  vowelless: boolean;
  /** The type the name was normalised for, when known. */
  type?: EntityType;
}

const COMBINING_MARKS = /\p{M}+/gu;
// Apostrophes inside a word join it ("O'Brien", "Hyo'k"); a trailing possessive "'s" is dropped.
const APOSTROPHES = /['’‘`´ʼʻ]/gu;
const POSSESSIVE = /(\w)['’]s\b/gu;
const NOT_ALPHANUMERIC = /[^a-z0-9]+/g;
const ABJAD_SCRIPT = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}]/u;
// Digits typed for look-alike letters inside a word: "Ig0r Sech1n".
const LOOKALIKE_DIGITS: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '8': 'b',
  '9': 'g',
};
const MIXED_LETTERS_AND_DIGITS = /^(?=.*[a-z].*[a-z])(?=.*\d)[a-z\d]+$/;
const ORDINAL = /^\d+(?:st|nd|rd|th)$/;

function reorderSurnameFirst(name: string, type: EntityType | undefined): string {
  // Only person names are written "SURNAME, Given"; in an organisation a comma separates a form ("Foo, Inc.").
  if (type !== undefined && type !== 'PERSON') return name;
  const parts = name.split(',');
  if (parts.length !== 2) return name;
  const [surname = '', given = ''] = parts;
  if (!given.trim() || !surname.trim()) return name;
  const givenWords = given.trim().toLowerCase().replace(/\./g, '').split(/\s+/);
  if (givenWords.every((word) => COMPANY_FORMS.has(word))) return name;
  return `${given} ${surname}`;
}

// Titles precede a name and suffixes follow it; inside a name the same word may be part of it ("Haji" in
// "Haji Khairullah Haji Sattar"), so only the ends are stripped, and never the last word left.
function stripTitles(words: string[]): void {
  while (words.length > 1 && HONORIFICS.has(words[0] ?? '')) words.shift();
  while (words.length > 1 && NAME_SUFFIXES.has(words[words.length - 1] ?? '')) words.pop();
}

function foldText(raw: string, type: EntityType | undefined): string {
  let text = reorderSurnameFirst(raw, type);
  text = transliterateToLatin(text).normalize('NFKD').replace(COMBINING_MARKS, '').toLowerCase();
  text = text.replace(POSSESSIVE, '$1').replace(APOSTROPHES, '').replace(/&/g, ' and ');
  // In organisation names dotted abbreviations are one word ("L.L.C." is "llc", "U.S." is "us"); in person
  // names they are initials ("J.C." is "j c").
  if (type !== undefined && type !== 'PERSON') {
    text = text.replace(/\b(?:[a-z]\.){2,}/g, (match) => match.replace(/\./g, ''));
  }
  for (const [phrase, form] of COMPANY_FORM_PHRASES) text = text.replace(phrase, form);
  return text;
}

function splitWords(text: string, type: EntityType | undefined): string[] {
  const isPerson = type === undefined || type === 'PERSON';
  const words: string[] = [];
  for (let word of text.split(NOT_ALPHANUMERIC)) {
    if (!word) continue;
    if (isPerson && MIXED_LETTERS_AND_DIGITS.test(word) && !ORDINAL.test(word))
      word = word.replace(/\d/g, (d) => LOOKALIKE_DIGITS[d] ?? d);
    const expansion = type !== undefined && type !== 'PERSON' ? ORGANISATION_ABBREVIATIONS.get(word) : undefined;
    if (expansion) words.push(...expansion.split(' '));
    else words.push(word);
  }
  if (isPerson) stripTitles(words);
  return words;
}

/**
 * Normalises a name for matching: script, case, diacritics, punctuation, honorifics, company-form words,
 * numbers and the "SURNAME, Given" order. `type` tells person names from organisation names where that
 * changes the rules; without it both rule sets apply.
 */
export function normaliseName(raw: string, type?: EntityType): NormalisedName {
  const isPerson = type === 'PERSON';
  const { words, isNumber } = digitiseNumbers(splitWords(foldText(raw, type), type), !isPerson);
  const tokens: string[] = [];
  const roles: TokenRole[] = [];
  const patronymic: boolean[] = [];
  words.forEach((word, position) => {
    const form = isPerson ? undefined : COMPANY_FORMS.get(word);
    tokens.push(form ?? word);
    if (form !== undefined) roles.push('COMPANY_FORM');
    else if (isNumber[position]) roles.push('NUMBER');
    else roles.push(NAME_PARTICLES.has(word) ? 'PARTICLE' : 'NAME');
    patronymic.push(position > 0 && PATRONYMIC_PARTICLES.has(words[position - 1] ?? ''));
  });
  return { tokens, roles, patronymic, vowelless: ABJAD_SCRIPT.test(raw), type };
}
