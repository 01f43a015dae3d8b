import { alignTokens, type AlignedPair } from '../../kernel/names/align-tokens';
import { editDistance } from '../../kernel/names/edit-distance';
import { normaliseName, type NormalisedName } from '../../kernel/names/normalise-name';
import type { TokenComparison } from '../../kernel/names/token-similarity';

/**
 * Shortest word in which one wrong letter is taken for a typo rather than another name: "Sergeij" is
 * "Sergej", but "Anna" and "Anne", or "Maria" and "Marie", are different names.
 */
export const TYPO_TOLERANT_MIN_LENGTH = 6;

/** How two words of two names were found to be the same. */
export type WordRelation = 'EXACT' | 'TRANSLITERATION' | 'TYPO' | 'INITIAL';

/** Whether two names are one, with what was tolerated or what differs. */
export interface NameComparison {
  /** EXACT: the same words, in any order, case or script; TOLERATED: the same with `notes`; DIFFERENT. */
  verdict: 'EXACT' | 'TOLERATED' | 'DIFFERENT';
  matches: boolean;
  notes: string[];
}

/**
 * Folds the spellings that transliteration systems disagree on, so "Sergey", "Sergej" and "Sergei", "Mariya"
 * and "Maria", "Müller" and "Mueller", "Khodorkovsky" and "Hodorkovski", "Aleksandr" and "Alexandr" meet.
 */
export function foldTransliteration(word: string): string {
  return word
    .replace(/tsch/g, 'ch')
    .replace(/sch/g, 'sh')
    .replace(/kh/g, 'h')
    .replace(/ph/g, 'f')
    .replace(/ks/g, 'x')
    .replace(/ck/g, 'k')
    .replace(/w/g, 'v')
    .replace(/ae/g, 'a')
    .replace(/oe/g, 'o')
    .replace(/ue/g, 'u')
    .replace(/y/g, 'i')
    .replace(/([aeiou])j/g, '$1i')
    .replace(/ou/g, 'u')
    .replace(/(.)\1+/g, '$1');
}

/** How two normalised words relate, or undefined when they are different words. */
export function relateWords(a: string, b: string, allowInitials = false): WordRelation | undefined {
  if (a === b) return 'EXACT';
  if (/\d/.test(a) || /\d/.test(b)) return undefined;
  if (a.length === 1 || b.length === 1) {
    const [initial, word] = a.length === 1 ? [a, b] : [b, a];
    return allowInitials && word.length > 1 && word.startsWith(initial) ? 'INITIAL' : undefined;
  }
  const foldedA = foldTransliteration(a);
  const foldedB = foldTransliteration(b);
  if (foldedA === foldedB) return 'TRANSLITERATION';
  if (Math.min(a.length, b.length) >= TYPO_TOLERANT_MIN_LENGTH && editDistance(foldedA, foldedB, 1) <= 1) {
    return 'TYPO';
  }
  return undefined;
}

const SIMILARITY: Record<WordRelation, TokenComparison> = {
  EXACT: { similarity: 1, kind: 'EXACT' },
  TRANSLITERATION: { similarity: 0.95, kind: 'PHONETIC' },
  TYPO: { similarity: 0.9, kind: 'SPELLING' },
  INITIAL: { similarity: 0.7, kind: 'INITIAL' },
};

function align(a: NormalisedName, b: NormalisedName, allowInitials: boolean): AlignedPair[] {
  return alignTokens(a.tokens, b.tokens, { maxAcronymLength: allowInitials ? 2 : 0 }, (x, y) => {
    const relation = relateWords(x, y, allowInitials);
    return relation ? SIMILARITY[relation] : { similarity: 0 };
  });
}

function relationOf(pair: AlignedPair, allowInitials: boolean): WordRelation {
  if (pair.kind === 'ACRONYM') return 'INITIAL';
  return relateWords(pair.query.replace(/ /g, ''), pair.candidate.replace(/ /g, ''), allowInitials) ?? 'EXACT';
}

function noteFor(pair: AlignedPair, relation: WordRelation): string | undefined {
  if (relation === 'TRANSLITERATION') return `"${pair.query}" and "${pair.candidate}" are spellings of one name`;
  if (relation === 'TYPO') return `"${pair.query}" and "${pair.candidate}" differ by one letter`;
  if (relation === 'INITIAL') return `"${pair.query}" and "${pair.candidate}" match by initials only`;
  return undefined;
}

function quoteWords(words: readonly string[]): string {
  return words.map((word) => `"${word}"`).join(', ');
}

interface Alignment {
  pairs: { pair: AlignedPair; relation: WordRelation }[];
  unmatchedA: string[];
  unmatchedB: string[];
}

function alignNames(
  a: NormalisedName,
  b: NormalisedName,
  allowInitials: boolean,
  counts: (name: NormalisedName, index: number) => boolean,
): Alignment {
  const aligned = align(a, b, allowInitials);
  const usedA = new Set(aligned.flatMap((pair) => pair.queryIndexes));
  const usedB = new Set(aligned.flatMap((pair) => pair.candidateIndexes));
  return {
    pairs: aligned.map((pair) => ({ pair, relation: relationOf(pair, allowInitials) })),
    unmatchedA: a.tokens.filter((_t, i) => !usedA.has(i) && counts(a, i)),
    unmatchedB: b.tokens.filter((_t, i) => !usedB.has(i) && counts(b, i)),
  };
}

function verdictOf(notes: string[], different: boolean): NameComparison {
  if (different) return { verdict: 'DIFFERENT', matches: false, notes };
  return notes.length ? { verdict: 'TOLERATED', matches: true, notes } : { verdict: 'EXACT', matches: true, notes };
}

/** Options of {@link comparePersonNames}. */
export interface PersonNameOptions {
  /** The surname as the document prints it: one of its words must match in full, not by initial. */
  surname?: string;
  /** Accept initials for given names ("J Smith"), as bills and bank statements print them. */
  allowInitials?: boolean;
}

/**
 * Compares two names of one person, the way a careful clerk would: word order, case, diacritics, script
 * (Cyrillic, Greek, Arabic… through the screening normaliser) and transliteration spellings do not matter;
 * middle names on one side only are noted; a one-letter typo in a long word is noted; a word on each side
 * without a counterpart makes them different names.
 */
export function comparePersonNames(expected: string, found: string, options: PersonNameOptions = {}): NameComparison {
  const allowInitials = options.allowInitials ?? false;
  const a = normaliseName(expected, 'PERSON');
  const b = normaliseName(found, 'PERSON');
  const isName = (name: NormalisedName, index: number) => name.roles[index] === 'NAME';
  const { pairs, unmatchedA, unmatchedB } = alignNames(a, b, allowInitials, isName);
  const notes = pairs.map(({ pair, relation }) => noteFor(pair, relation)).filter((n): n is string => !!n);

  if (unmatchedA.length && unmatchedB.length) {
    return verdictOf([`${quoteWords(unmatchedA)} and ${quoteWords(unmatchedB)} are different names`, ...notes], true);
  }
  const fullWords = pairs.filter(({ relation }) => relation !== 'INITIAL');
  const nameWords = (name: NormalisedName) => name.roles.filter((role) => role === 'NAME').length;
  // One shared word is not enough to say that "Anna" is "Anna Eriksson"; a mononym matches a mononym.
  if (fullWords.length === 0 || (pairs.length < 2 && Math.max(nameWords(a), nameWords(b)) >= 2)) {
    return verdictOf([`"${expected}" and "${found}" have too little of their names in common`], true);
  }
  if (options.surname !== undefined) {
    const surnameWords = new Set(normaliseName(options.surname, 'PERSON').tokens);
    const surnameMatched = fullWords.some(({ pair }) =>
      pair.candidate.split(' ').some((word) => surnameWords.has(word)),
    );
    if (!surnameMatched) return verdictOf([`the surname "${options.surname}" is not in "${expected}"`, ...notes], true);
  }
  if (unmatchedA.length) notes.push(`${quoteWords(unmatchedA)} only in "${expected}"`);
  if (unmatchedB.length) notes.push(`${quoteWords(unmatchedB)} only in "${found}"`);
  return verdictOf(notes, false);
}

// Holding and group say which company of a family is meant, so they count as name words here.
const DISTINCTIVE_FORMS: ReadonlySet<string> = new Set(['holding', 'group']);

/**
 * Compares two company names: company forms are folded by the screening normaliser (Limited = Ltd,
 * Co., Ltd. = Company Limited) and must not contradict each other (GmbH vs AG); the distinctive words must
 * match as for {@link comparePersonNames}, with one extra word on one side tolerated and noted (a city
 * prefix such as "Shenzhen").
 */
export function compareCompanyNames(expected: string, found: string): NameComparison {
  const a = normaliseName(expected, 'ORGANIZATION');
  const b = normaliseName(found, 'ORGANIZATION');
  const isForm = (name: NormalisedName, i: number) =>
    name.roles[i] === 'COMPANY_FORM' && !DISTINCTIVE_FORMS.has(name.tokens[i] ?? '');
  const formsA = a.tokens.filter((_t, i) => isForm(a, i));
  const formsB = b.tokens.filter((_t, i) => isForm(b, i));
  if (formsA.length && formsB.length && !formsA.some((form) => formsB.includes(form))) {
    return verdictOf([`the legal forms differ: ${formsA.join(' ')} and ${formsB.join(' ')}`], true);
  }
  const isDistinctive = (name: NormalisedName, i: number) => !isForm(name, i) && name.roles[i] !== 'PARTICLE';
  const { pairs, unmatchedA, unmatchedB } = alignNames(a, b, false, isDistinctive);
  const matched = pairs.filter(({ pair }) => pair.queryIndexes.some((i) => isDistinctive(a, i)));
  const notes = matched.map(({ pair, relation }) => noteFor(pair, relation)).filter((n): n is string => !!n);
  if (unmatchedA.length && unmatchedB.length) {
    return verdictOf([`${quoteWords(unmatchedA)} and ${quoteWords(unmatchedB)} are different words`, ...notes], true);
  }
  const extra = unmatchedA.length ? { words: unmatchedA, name: expected } : { words: unmatchedB, name: found };
  if (matched.length === 0 || extra.words.length > 1) {
    return verdictOf([`"${expected}" and "${found}" have too little of their names in common`], true);
  }
  if (extra.words.length) notes.push(`${quoteWords(extra.words)} only in "${extra.name}"`);
  return verdictOf(notes, false);
}
