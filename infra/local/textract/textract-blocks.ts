/**
 * Textract's Block graph for a page: PAGE → LINE → WORD (CHILD relationships), KEY_VALUE_SET pairs
 * (KEY → VALUE, each → its WORDs) and QUERY → QUERY_RESULT (ANSWER). The SDK's own types check the
 * shapes, so what the endpoint sends is what `@aws-sdk/client-textract` reads.
 */
import { randomUUID } from 'node:crypto';
import type { Block, Geometry, Query } from '@aws-sdk/client-textract';
import type { FormField } from './form-fields';
import type { PageBox, PageText, PageWord } from './page-text';

/** Textract reports geometry as a box and its four corners, clockwise from the top-left. */
export function toGeometry(box: PageBox): Geometry {
  const right = box.left + box.width;
  const bottom = box.top + box.height;
  return {
    BoundingBox: { Width: box.width, Height: box.height, Left: box.left, Top: box.top },
    Polygon: [
      { X: box.left, Y: box.top },
      { X: right, Y: box.top },
      { X: right, Y: bottom },
      { X: box.left, Y: bottom },
    ],
  };
}

/** The blocks of one page, with the WORD id of every word so that later blocks can point at them. */
export class PageBlocks {
  readonly blocks: Block[] = [];
  private readonly pageBlock: Block;
  private readonly wordIds = new Map<PageWord, string>();

  constructor(
    page: PageText,
    readonly pageNumber: number,
  ) {
    this.pageBlock = {
      BlockType: 'PAGE',
      Geometry: toGeometry({ left: 0, top: 0, width: 1, height: 1 }),
      Id: randomUUID(),
      Relationships: [],
      Page: pageNumber,
    };
    this.blocks.push(this.pageBlock);
    const lineIds: string[] = [];
    const wordBlocks: Block[] = [];
    for (const line of page.lines) {
      const lineId = randomUUID();
      const childIds: string[] = [];
      for (const word of line.words) {
        const wordId = randomUUID();
        this.wordIds.set(word, wordId);
        childIds.push(wordId);
        wordBlocks.push({
          BlockType: 'WORD',
          Confidence: word.confidence,
          Text: word.text,
          TextType: 'PRINTED',
          Geometry: toGeometry(word.box),
          Id: wordId,
          Page: pageNumber,
        });
      }
      lineIds.push(lineId);
      this.blocks.push({
        BlockType: 'LINE',
        Confidence: line.confidence,
        Text: line.text,
        Geometry: toGeometry(line.box),
        Id: lineId,
        Relationships: [{ Type: 'CHILD', Ids: childIds }],
        Page: pageNumber,
      });
    }
    // Textract lists every LINE before the WORDs
    this.blocks.push(...wordBlocks);
    this.addPageChildren(lineIds);
  }

  private addPageChildren(ids: string[]): void {
    if (ids.length === 0) return;
    const relationships = this.pageBlock.Relationships!;
    const child = relationships.find((relationship) => relationship.Type === 'CHILD');
    if (child) child.Ids!.push(...ids);
    else relationships.push({ Type: 'CHILD', Ids: ids });
  }

  private idsOf(words: readonly PageWord[]): string[] {
    return words.map((word) => this.wordIds.get(word)).filter((id): id is string => id !== undefined);
  }

  /** KEY and VALUE blocks for each field (FORMS), both listed among the PAGE's children. */
  addFormFields(fields: readonly FormField[]): void {
    const ids: string[] = [];
    for (const field of fields) {
      const keyId = randomUUID();
      const valueId = randomUUID();
      const valueIds = this.idsOf(field.valueWords);
      // an empty value still has a place: just after its key
      const valueBox =
        field.valueWords.length > 0
          ? field.valueBox
          : {
              left: field.keyBox.left + field.keyBox.width,
              top: field.keyBox.top,
              width: 0,
              height: field.keyBox.height,
            };
      this.blocks.push(
        {
          BlockType: 'KEY_VALUE_SET',
          Confidence: field.confidence,
          Geometry: toGeometry(field.keyBox),
          Id: keyId,
          Relationships: [
            { Type: 'VALUE', Ids: [valueId] },
            { Type: 'CHILD', Ids: this.idsOf(field.keyWords) },
          ],
          EntityTypes: ['KEY'],
          Page: this.pageNumber,
        },
        {
          BlockType: 'KEY_VALUE_SET',
          Confidence: field.confidence,
          Geometry: toGeometry(valueBox),
          Id: valueId,
          ...(valueIds.length > 0 ? { Relationships: [{ Type: 'CHILD', Ids: valueIds }] } : {}),
          EntityTypes: ['VALUE'],
          Page: this.pageNumber,
        },
      );
      ids.push(keyId, valueId);
    }
    this.addPageChildren(ids);
  }

  /**
   * A QUERY block, with an ANSWER relationship to a QUERY_RESULT when there is an answer. Unanswered
   * queries keep their QUERY block and nothing else, as on Textract.
   */
  addQuery(query: Query, answer: { text: string; confidence: number; box: PageBox } | undefined): void {
    const queryBlock: Block = { BlockType: 'QUERY', Id: randomUUID(), Query: query, Page: this.pageNumber };
    this.blocks.push(queryBlock);
    if (!answer) return;
    const resultId = randomUUID();
    queryBlock.Relationships = [{ Type: 'ANSWER', Ids: [resultId] }];
    this.blocks.push({
      BlockType: 'QUERY_RESULT',
      Confidence: answer.confidence,
      Text: answer.text,
      Geometry: toGeometry(answer.box),
      Id: resultId,
      Page: this.pageNumber,
    });
  }
}
