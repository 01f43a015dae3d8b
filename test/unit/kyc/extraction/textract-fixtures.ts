import type { AnalyzeDocumentCommandOutput, AnalyzeIDCommandOutput, Block } from '@aws-sdk/client-textract';

/** One AnalyzeID field as a test writes it: the printed text, or the text with its normalised date and confidence. */
export type IdFieldSpec = string | { text: string; normalizedDate?: string; confidence?: number };

/**
 * An AnalyzeID response in Textract's shape, one IdentityDocument per page:
 * `IdentityDocumentFields[{Type: {Text}, ValueDetection: {Text, NormalizedValue?, Confidence}}]`.
 */
export function analyzeIdResponse(
  ...pages: Record<string, IdFieldSpec>[]
): Pick<AnalyzeIDCommandOutput, 'IdentityDocuments' | 'DocumentMetadata' | 'AnalyzeIDModelVersion'> {
  return {
    DocumentMetadata: { Pages: pages.length },
    AnalyzeIDModelVersion: '1.0',
    IdentityDocuments: pages.map((fields, index) => ({
      DocumentIndex: index + 1,
      IdentityDocumentFields: Object.entries(fields).map(([type, spec]) => {
        const { text, normalizedDate, confidence } = typeof spec === 'string' ? { text: spec } : spec;
        return {
          Type: { Text: type, Confidence: 99.9 },
          ValueDetection: {
            Text: text,
            Confidence: confidence ?? 98.76543210987,
            ...(normalizedDate ? { NormalizedValue: { Value: `${normalizedDate}T00:00:00`, ValueType: 'Date' } } : {}),
          },
        };
      }),
    })) as AnalyzeIDCommandOutput['IdentityDocuments'],
  };
}

/** The ICAO 9303 specimen passport of Anna Maria Eriksson (Utopia), as AnalyzeID reads its data page. */
export function specimenPassportFields(): Record<string, IdFieldSpec> {
  return {
    FIRST_NAME: 'ANNA MARIA',
    LAST_NAME: 'ERIKSSON',
    MIDDLE_NAME: '',
    SUFFIX: '',
    DOCUMENT_NUMBER: 'L898902C3',
    EXPIRATION_DATE: { text: '15 APR/AVR 12', normalizedDate: '2012-04-15' },
    DATE_OF_BIRTH: { text: '12 AUG/AOUT 74', normalizedDate: '1974-08-12' },
    DATE_OF_ISSUE: { text: '16 APR/AVR 07', normalizedDate: '2007-04-16' },
    PLACE_OF_BIRTH: 'ZENITH',
    ID_TYPE: 'PASSPORT',
    MRZ_CODE: `${SPECIMEN_TD3[0]}\n${SPECIMEN_TD3[1]}`,
    STATE_NAME: '',
    COUNTY: '',
  };
}

/** ICAO 9303 part 4 specimen (TD3) and part 5 specimen (TD1), both with correct check digits. */
export const SPECIMEN_TD3 = [
  'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<',
  'L898902C36UTO7408122F1204159ZE184226B<<<<<10',
];
export const SPECIMEN_TD1 = [
  'I<UTOD23145890<1233<<<<<<<<<<<',
  '7408122F1204159UTO<<<<<<<<<<<2',
  'ERIKSSON<<ANNA<MARIA<<<<<<<<<<',
];
/** The German specimen passport of Erika Mustermann: nationality `D`, valid until 2027-02-28. */
export const GERMAN_TD3 = [
  'P<D<<MUSTERMANN<<ERIKA<<<<<<<<<<<<<<<<<<<<<<',
  'C01X00T478D<<6408125F2702283<<<<<<<<<<<<<<<4',
];

/** A query asked of AnalyzeDocument and the answers Textract gave, each with its confidence. */
export interface QuerySpec {
  alias: string;
  text: string;
  answers: { text: string; confidence: number }[];
}

/** A form key/value pair as AnalyzeDocument's FORMS feature returns it. */
export interface FormSpec {
  key: string;
  value: string;
  confidence?: number;
}

/**
 * An AnalyzeDocument response in Textract's block shape: QUERY blocks with an ANSWER relationship to
 * QUERY_RESULT blocks, and KEY_VALUE_SET KEY blocks with CHILD → WORD and VALUE → KEY_VALUE_SET VALUE blocks.
 */
export function analyzeDocumentResponse(spec: {
  queries?: QuerySpec[];
  forms?: FormSpec[];
  pages?: number;
}): Pick<AnalyzeDocumentCommandOutput, 'Blocks' | 'DocumentMetadata'> {
  const blocks: Block[] = [];
  let next = 0;
  const id = () => `block-${(next += 1)}`;
  const pages = spec.pages ?? 1;
  for (let page = 1; page <= pages; page += 1) blocks.push({ BlockType: 'PAGE', Id: id(), Page: page });
  const words = (text: string, confidence: number): string[] =>
    text
      .split(/\s+/)
      .filter(Boolean)
      .map((word) => {
        const wordId = id();
        blocks.push({ BlockType: 'WORD', Id: wordId, Text: word, Confidence: confidence, TextType: 'PRINTED' });
        return wordId;
      });
  for (const query of spec.queries ?? []) {
    const answerIds = query.answers.map((answer) => {
      const answerId = id();
      blocks.push({
        BlockType: 'QUERY_RESULT',
        Id: answerId,
        Text: answer.text,
        Confidence: answer.confidence,
        Page: 1,
      });
      return answerId;
    });
    blocks.push({
      BlockType: 'QUERY',
      Id: id(),
      Query: { Text: query.text, Alias: query.alias },
      ...(answerIds.length ? { Relationships: [{ Type: 'ANSWER', Ids: answerIds }] } : {}),
    });
  }
  for (const form of spec.forms ?? []) {
    const confidence = form.confidence ?? 95;
    const valueId = id();
    blocks.push({
      BlockType: 'KEY_VALUE_SET',
      Id: valueId,
      EntityTypes: ['VALUE'],
      Confidence: confidence,
      Relationships: [{ Type: 'CHILD', Ids: words(form.value, confidence) }],
    });
    blocks.push({
      BlockType: 'KEY_VALUE_SET',
      Id: id(),
      EntityTypes: ['KEY'],
      Confidence: confidence,
      Relationships: [
        { Type: 'VALUE', Ids: [valueId] },
        { Type: 'CHILD', Ids: words(form.key, confidence) },
      ],
    });
  }
  return { DocumentMetadata: { Pages: pages }, Blocks: blocks };
}
