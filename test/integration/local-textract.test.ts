/**
 * The local Textract endpoint, driven through `@aws-sdk/client-textract` so that every response also
 * proves the wire shape. It runs in this process (not from the suite's local stack), with its own
 * s3rver for S3Object documents. Documents come from the test document generator.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import {
  AnalyzeDocumentCommand,
  AnalyzeIDCommand,
  DetectDocumentTextCommand,
  TextractClient,
  type AnalyzeIDResponse,
  type Block,
  type IdentityDocumentField,
} from '@aws-sdk/client-textract';
import { parse } from 'mrz';
import { PDFDocument } from 'pdf-lib';
import S3rver from 's3rver';
import { documentQueries } from '../../functions/kyc/extraction/document-queries';
import type { FormField } from '../../infra/local/textract/form-fields';
import { identityFieldTypes } from '../../infra/local/textract/identity-fields';
import { readMrz } from '../../infra/local/textract/mrz-reading';
import type { PageLine } from '../../infra/local/textract/page-text';
import { answerQuery } from '../../infra/local/textract/query-answers';
import { startLocalTextract, type LocalTextract } from '../../infra/local/textract/textract-endpoint';
import {
  nationalIdMrz,
  passportMrz,
  renderBusinessLicence,
  renderCompanyRegistration,
  renderDriversLicence,
  renderFinancialStatement,
  renderNationalId,
  renderPassport,
  renderProofOfAddress,
  renderTaxRegistration,
  renderUnreadable,
  scanToPdf,
  type IdentityDocumentInput,
} from '../support/documents';
import { createLocalS3Client } from './support/s3-client';

const bucket = 'textract-test-documents';
let s3: S3rver;
let s3Endpoint: string;
let s3Directory: string;
let textract: LocalTextract;
let client: TextractClient;
const s3Client = () => createLocalS3Client(s3Endpoint);

beforeAll(async () => {
  s3Directory = mkdtempSync(path.join(tmpdir(), 'trustflow-textract-'));
  s3 = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: s3Directory,
    configureBuckets: [{ name: bucket, configs: [] }],
  });
  s3Endpoint = `http://127.0.0.1:${(await s3.run()).port}`;
  textract = await startLocalTextract({ s3Client: s3Client() });
  client = new TextractClient({
    endpoint: textract.url,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
});

afterAll(async () => {
  const stats = textract.stats();
  // The figure the bench quotes: OCR time per image page on this machine, warm workers after the first.
  console.log(
    `local Textract: ${stats.ocrPages} OCR pages, ${stats.ocrMsMean} ms/page on average (${stats.ocrMsTotal} ms in all)`,
  );
  client.destroy();
  await textract.stop();
  await s3.close();
  rmSync(s3Directory, { recursive: true, force: true });
});

const eriksson: IdentityDocumentInput = {
  surname: 'Eriksson',
  givenNames: 'Anna Maria',
  documentNumber: 'PA8812730',
  nationality: 'SWE',
  dateOfBirth: '1974-08-12',
  sex: 'F',
  expiryDate: '2031-04-15',
};

async function analyzeId(bytes: Buffer): Promise<AnalyzeIDResponse> {
  return client.send(new AnalyzeIDCommand({ DocumentPages: [{ Bytes: bytes }] }));
}

/** The IdentityDocumentFields of the first document, by type. */
function fieldsOf(response: AnalyzeIDResponse): Record<string, IdentityDocumentField['ValueDetection']> {
  const fields = response.IdentityDocuments?.[0]?.IdentityDocumentFields ?? [];
  return Object.fromEntries(fields.map((field) => [field.Type!.Text!, field.ValueDetection]));
}

/** QUERY_RESULT text by query alias (undefined when the QUERY has no ANSWER). */
function answersOf(blocks: Block[]): Record<string, string | undefined> {
  const byId = new Map(blocks.map((block) => [block.Id, block]));
  const answers: Record<string, string | undefined> = {};
  for (const block of blocks.filter((candidate) => candidate.BlockType === 'QUERY')) {
    const answerId = block.Relationships?.find((relationship) => relationship.Type === 'ANSWER')?.Ids?.[0];
    answers[block.Query!.Alias!] = answerId ? byId.get(answerId)?.Text : undefined;
  }
  return answers;
}

/** Key → value text, assembled from KEY_VALUE_SET blocks' CHILD words as a Textract consumer would. */
function keyValuesOf(blocks: Block[]): Record<string, string> {
  const byId = new Map(blocks.map((block) => [block.Id, block]));
  const childText = (block: Block | undefined) =>
    (block?.Relationships?.find((relationship) => relationship.Type === 'CHILD')?.Ids ?? [])
      .map((id) => byId.get(id)?.Text)
      .join(' ');
  const pairs: Record<string, string> = {};
  for (const key of blocks.filter((block) => block.EntityTypes?.includes('KEY'))) {
    const valueId = key.Relationships?.find((relationship) => relationship.Type === 'VALUE')?.Ids?.[0];
    pairs[childText(key).replace(/:$/, '')] = childText(byId.get(valueId));
  }
  return pairs;
}

function queriesFor(type: keyof typeof documentQueries) {
  return documentQueries[type]!.map((query) => ({ Text: query.text, Alias: query.alias }));
}

describe('AnalyzeID', () => {
  it('reads a passport PNG: names, number and dates from the TD3 MRZ, MRZ_CODE as printed', async () => {
    // Prepare
    const image = await renderPassport(eriksson);

    // Act
    const response = await analyzeId(image);

    // Assess
    const fields = fieldsOf(response);
    expect(Object.keys(fields)).toEqual([...identityFieldTypes]);
    expect(fields.ID_TYPE?.Text).toBe('PASSPORT');
    expect(fields.LAST_NAME?.Text).toBe('ERIKSSON');
    expect(fields.FIRST_NAME?.Text).toBe('ANNA');
    expect(fields.MIDDLE_NAME?.Text).toBe('MARIA');
    expect(fields.DOCUMENT_NUMBER?.Text).toBe('PA8812730');
    expect(fields.DATE_OF_BIRTH?.NormalizedValue).toEqual({ Value: '1974-08-12T00:00:00', ValueType: 'Date' });
    expect(fields.EXPIRATION_DATE?.NormalizedValue).toEqual({ Value: '2031-04-15T00:00:00', ValueType: 'Date' });
    expect(fields.DATE_OF_ISSUE?.NormalizedValue?.Value).toBe('2021-04-15T00:00:00');
    expect(fields.MRZ_CODE?.Text).toBe(passportMrz(eriksson).join('\n'));
    expect(parse(fields.MRZ_CODE!.Text!.split('\n')).valid).toBe(true);
    expect(fields.MRZ_CODE?.Confidence).toBeGreaterThan(80);
    expect(fields.SUFFIX).toEqual({ Text: '', Confidence: 0 });
    expect(response.DocumentMetadata?.Pages).toBe(1);
    expect(response.IdentityDocuments?.[0]?.DocumentIndex).toBe(1);
    const lines = response.IdentityDocuments![0]!.Blocks!.filter((block) => block.BlockType === 'LINE');
    expect(lines.map((line) => line.Text)).toContain('Surname: ERIKSSON');
  });

  it('reads a national ID card JPEG with a three-line TD1 MRZ', async () => {
    // Prepare
    const card = { ...eriksson, documentNumber: 'D23145890', nationality: 'NLD', surname: 'de Vries', format: 'jpeg' };
    const image = await renderNationalId(card as IdentityDocumentInput);

    // Act
    const fields = fieldsOf(await analyzeId(image));

    // Assess
    expect(fields.MRZ_CODE?.Text).toBe(nationalIdMrz(card as IdentityDocumentInput).join('\n'));
    expect(fields.MRZ_CODE?.Text?.split('\n').map((line) => line.length)).toEqual([30, 30, 30]);
    expect(fields.LAST_NAME?.Text).toBe('DE VRIES');
    expect(fields.FIRST_NAME?.Text).toBe('ANNA');
    expect(fields.DOCUMENT_NUMBER?.Text).toBe('D23145890');
    expect(fields.DATE_OF_BIRTH?.NormalizedValue?.Value).toBe('1974-08-12T00:00:00');
    expect(fields.EXPIRATION_DATE?.NormalizedValue?.Value).toBe('2031-04-15T00:00:00');
    expect(fields.ID_TYPE?.Text).toBe('OTHER');
  });

  it('reads a driving licence without an MRZ from its labelled fields', async () => {
    // Prepare
    const image = await renderDriversLicence({
      surname: 'Okafor',
      givenNames: 'Chinedu',
      dateOfBirth: '1988-11-02',
      licenceNumber: 'OKAFO811028C99',
      issueDate: '2022-05-10',
      expiryDate: '2032-05-09',
      issuingState: 'GBR',
      address: '221 Baker Street, London',
    });

    // Act
    const fields = fieldsOf(await analyzeId(image));

    // Assess
    expect(fields.ID_TYPE?.Text).toBe('DRIVER LICENSE FRONT');
    expect(fields.LAST_NAME?.Text).toBe('OKAFOR');
    expect(fields.FIRST_NAME?.Text).toBe('CHINEDU');
    expect(fields.MIDDLE_NAME?.Text).toBe('');
    expect(fields.DOCUMENT_NUMBER?.Text).toBe('OKAFO811028C99');
    expect(fields.DATE_OF_BIRTH).toMatchObject({
      Text: '02 NOV 1988',
      NormalizedValue: { Value: '1988-11-02T00:00:00', ValueType: 'Date' },
    });
    expect(fields.DATE_OF_ISSUE?.NormalizedValue?.Value).toBe('2022-05-10T00:00:00');
    expect(fields.EXPIRATION_DATE?.NormalizedValue?.Value).toBe('2032-05-09T00:00:00');
    expect(fields.ADDRESS?.Text).toBe('221 Baker Street, London');
    expect(fields.STATE_NAME?.Text).toBe('GBR');
    expect(fields.MRZ_CODE?.Text).toBe('');
  });

  it('reports a wrong MRZ check digit as printed, for the caller to detect', async () => {
    // Prepare
    const forged = { ...eriksson, breakCheckDigit: 'documentNumber' as const };
    const image = await renderPassport(forged);

    // Act
    const fields = fieldsOf(await analyzeId(image));

    // Assess
    const printed = passportMrz(forged);
    expect(printed).not.toEqual(passportMrz(eriksson));
    expect(fields.MRZ_CODE?.Text).toBe(printed.join('\n'));
    const checked = parse(fields.MRZ_CODE!.Text!.split('\n'));
    expect(checked.valid).toBe(false);
    expect(checked.details.filter((detail) => !detail.valid).map((detail) => detail.field)).toEqual([
      'documentNumberCheckDigit',
    ]);
    expect(fields.DOCUMENT_NUMBER?.Text).toBe('PA8812730');
  });

  it('reads a wrong composite check digit that follows the fillers (a thin final 1) as printed', async () => {
    // Prepare: the composite of this MRZ, deliberately wrong, is a `1` right after a run of fillers,
    // which tesseract drops when it reads the line whole
    const forged: IdentityDocumentInput = {
      surname: 'Garcia Lopez',
      givenNames: 'Maria Jose',
      documentNumber: 'PAB123456',
      nationality: 'ESP',
      dateOfBirth: '1969-12-24',
      sex: 'M',
      expiryDate: '2032-11-11',
      breakCheckDigit: 'composite',
    };
    const printed = passportMrz(forged);
    expect(printed[1]).toMatch(/<1$/);

    // Act
    const fields = fieldsOf(await analyzeId(await renderPassport(forged)));

    // Assess
    expect(fields.MRZ_CODE?.Text).toBe(printed.join('\n'));
    const checked = parse(fields.MRZ_CODE!.Text!.split('\n'));
    expect(checked.details.filter((detail) => !detail.valid).map((detail) => detail.field)).toEqual([
      'compositeCheckDigit',
    ]);
    expect(fields.LAST_NAME?.Text).toBe('GARCIA LOPEZ');
    expect([fields.FIRST_NAME?.Text, fields.MIDDLE_NAME?.Text]).toEqual(['MARIA', 'JOSE']);
  });

  it('OCRs the JPEG inside a scanned PDF (no text layer)', async () => {
    // Prepare
    const scan = await scanToPdf(await renderPassport({ ...eriksson, format: 'jpeg' }));
    const before = textract.stats().ocrPages;

    // Act
    const fields = fieldsOf(await client.send(new AnalyzeIDCommand({ DocumentPages: [{ Bytes: scan }] })));

    // Assess
    expect(fields.MRZ_CODE?.Text).toBe(passportMrz(eriksson).join('\n'));
    expect(textract.stats().ocrPages).toBe(before + 1);
  });

  it('answers an unreadable image with every field empty', async () => {
    // Prepare
    const image = await renderUnreadable();

    // Act
    const response = await analyzeId(image);

    // Assess
    const fields = fieldsOf(response);
    expect(Object.keys(fields)).toHaveLength(identityFieldTypes.length);
    expect(Object.values(fields).filter((value) => value?.Text !== '')).toEqual([]);
    expect(response.IdentityDocuments?.[0]?.Blocks?.map((block) => block.BlockType)).toEqual(['PAGE']);
  });
});

describe('AnalyzeDocument', () => {
  it('answers the company registration queries from a PDF text layer, with KEY_VALUE_SET pairs', async () => {
    // Prepare
    const pdf = await renderCompanyRegistration({
      companyName: 'Acme Trading Ltd',
      registrationNumber: '12345678',
      address: '1 High Street, London EC1A 1BB',
      issueDate: '2024-03-01',
      format: 'pdf',
    });
    const pagesBefore = textract.stats();

    // Act
    const response = await client.send(
      new AnalyzeDocumentCommand({
        Document: { Bytes: pdf },
        FeatureTypes: ['FORMS', 'QUERIES'],
        QueriesConfig: { Queries: queriesFor('COMPANY_REGISTRATION') },
      }),
    );

    // Assess
    const blocks = response.Blocks!;
    expect(answersOf(blocks)).toEqual({
      COMPANY_NAME: 'Acme Trading Ltd',
      REGISTRATION_NUMBER: '12345678',
      ADDRESS: '1 High Street, London EC1A 1BB',
      ISSUE_DATE: '2024-03-01',
    });
    expect(keyValuesOf(blocks)).toEqual({
      'Company name': 'Acme Trading Ltd',
      'Registration number': '12345678',
      Address: '1 High Street, London EC1A 1BB',
      'Date of issue': '2024-03-01',
    });
    const query = blocks.find((block) => block.BlockType === 'QUERY' && block.Query?.Alias === 'COMPANY_NAME')!;
    expect(query.Query).toEqual({ Text: 'What is the company name?', Alias: 'COMPANY_NAME' });
    const result = blocks.find((block) => block.Id === query.Relationships?.[0]?.Ids?.[0])!;
    expect(result).toMatchObject({ BlockType: 'QUERY_RESULT', Text: 'Acme Trading Ltd' });
    expect(result.Confidence).toBeGreaterThan(90);
    // read from the text layer, not through OCR
    expect(textract.stats().ocrPages).toBe(pagesBefore.ocrPages);
    expect(response.DocumentMetadata?.Pages).toBe(1);
  });

  it('answers the proof-of-address queries from a utility bill PNG', async () => {
    // Prepare
    const image = await renderProofOfAddress({
      holderName: 'Jane Doe',
      address: '12 Rue de la Paix, 75002 Paris',
      statementDate: '2025-01-15',
    });

    // Act
    const response = await client.send(
      new AnalyzeDocumentCommand({
        Document: { Bytes: image },
        FeatureTypes: ['QUERIES'],
        QueriesConfig: {
          Queries: [...queriesFor('PROOF_OF_ADDRESS'), { Text: 'What is the company name?', Alias: 'X' }],
        },
      }),
    );

    // Assess
    expect(answersOf(response.Blocks!)).toEqual({
      HOLDER_NAME: 'Jane Doe',
      ADDRESS: '12 Rue de la Paix, 75002 Paris',
      STATEMENT_DATE: '2025-01-15',
      // nothing on a utility bill answers it: the QUERY stays without an ANSWER
      X: undefined,
    });
    // QUERIES alone returns no form blocks
    expect(response.Blocks!.some((block) => block.BlockType === 'KEY_VALUE_SET')).toBe(false);
  });

  it('answers the business licence, tax registration and financial statement queries (JPEG and PNG)', async () => {
    // Prepare
    const company = { companyName: 'Nordlicht Handel GmbH', registrationNumber: 'HRB 204518' };
    const documents = [
      {
        type: 'BUSINESS_LICENSE' as const,
        bytes: await renderBusinessLicence({ ...company, issueDate: '2023-02-01', expiryDate: '2026-01-31' }),
      },
      {
        type: 'TAX_REGISTRATION' as const,
        bytes: await renderTaxRegistration({ ...company, taxId: 'DE287451930', format: 'jpeg' }),
      },
      {
        type: 'FINANCIAL_STATEMENT' as const,
        bytes: await renderFinancialStatement({ companyName: company.companyName, periodEnd: '2024-12-31' }),
      },
    ];

    // Act
    const answers = [];
    for (const { type, bytes } of documents) {
      const response = await client.send(
        new AnalyzeDocumentCommand({
          Document: { Bytes: bytes },
          FeatureTypes: ['QUERIES'],
          QueriesConfig: { Queries: queriesFor(type) },
        }),
      );
      answers.push(answersOf(response.Blocks!));
    }

    // Assess
    expect(answers).toEqual([
      {
        COMPANY_NAME: 'Nordlicht Handel GmbH',
        REGISTRATION_NUMBER: 'HRB 204518',
        ISSUE_DATE: '2023-02-01',
        EXPIRY_DATE: '2026-01-31',
      },
      { COMPANY_NAME: 'Nordlicht Handel GmbH', TAX_ID: 'DE287451930', REGISTRATION_NUMBER: 'HRB 204518' },
      { COMPANY_NAME: 'Nordlicht Handel GmbH', PERIOD_END: '2024-12-31' },
    ]);
  });

  it('reads a document given as an S3Object from the local S3', async () => {
    // Prepare
    const pdf = await renderCompanyRegistration({
      companyName: 'Harbour Freight Pte Ltd',
      registrationNumber: '201912345K',
      address: '10 Marina Boulevard, Singapore 018983',
      issueDate: '2019-04-22',
      format: 'pdf',
    });
    const uploader = s3Client();
    await uploader.send(new PutObjectCommand({ Bucket: bucket, Key: 'kyc/case-1/doc-1', Body: pdf }));
    uploader.destroy();

    // Act
    const response = await client.send(
      new AnalyzeDocumentCommand({
        Document: { S3Object: { Bucket: bucket, Name: 'kyc/case-1/doc-1' } },
        FeatureTypes: ['QUERIES'],
        QueriesConfig: { Queries: queriesFor('COMPANY_REGISTRATION') },
      }),
    );

    // Assess
    expect(answersOf(response.Blocks!)).toMatchObject({
      COMPANY_NAME: 'Harbour Freight Pte Ltd',
      REGISTRATION_NUMBER: '201912345K',
    });
  });

  it('finds nothing on an unreadable image: no lines, queries without answers', async () => {
    // Prepare
    const image = await renderUnreadable({ format: 'jpeg' });

    // Act
    const response = await client.send(
      new AnalyzeDocumentCommand({
        Document: { Bytes: image },
        FeatureTypes: ['FORMS', 'QUERIES'],
        QueriesConfig: { Queries: queriesFor('COMPANY_REGISTRATION') },
      }),
    );

    // Assess
    const blocks = response.Blocks!;
    expect(blocks.filter((block) => block.BlockType === 'LINE')).toEqual([]);
    expect(blocks.filter((block) => block.BlockType === 'QUERY')).toHaveLength(4);
    expect(Object.values(answersOf(blocks))).toEqual([undefined, undefined, undefined, undefined]);
  });
});

describe('DetectDocumentText', () => {
  it('returns PAGE, LINE and WORD blocks with normalised geometry and CHILD relationships', async () => {
    // Prepare
    const image = await renderProofOfAddress({
      holderName: 'Jane Doe',
      address: '12 Rue de la Paix, 75002 Paris',
      statementDate: '2025-01-15',
      format: 'pdf',
    });

    // Act
    const response = await client.send(new DetectDocumentTextCommand({ Document: { Bytes: image } }));

    // Assess
    const blocks = response.Blocks!;
    const byId = new Map(blocks.map((block) => [block.Id, block]));
    const page = blocks[0]!;
    expect(page.BlockType).toBe('PAGE');
    const lines = page.Relationships![0]!.Ids!.map((id) => byId.get(id)!);
    expect(lines.map((line) => line.Text)).toContain('Account holder: Jane Doe');
    const holder = lines.find((line) => line.Text === 'Account holder: Jane Doe')!;
    const words = holder.Relationships![0]!.Ids!.map((id) => byId.get(id)!);
    expect(words.map((word) => `${word.BlockType}:${word.Text}`)).toEqual([
      'WORD:Account',
      'WORD:holder:',
      'WORD:Jane',
      'WORD:Doe',
    ]);
    for (const block of blocks) {
      const box = block.Geometry!.BoundingBox!;
      expect(box.Left! >= 0 && box.Top! >= 0 && box.Left! + box.Width! <= 1 && box.Top! + box.Height! <= 1).toBe(true);
      expect(block.Geometry!.Polygon).toHaveLength(4);
    }
    // words left to right, lines top to bottom
    expect(words[0]!.Geometry!.BoundingBox!.Left!).toBeLessThan(words[3]!.Geometry!.BoundingBox!.Left!);
    expect(response.DetectDocumentTextModelVersion).toBeDefined();
  });

  it('reads a PDF with neither text nor a JPEG scan as a page without text', async () => {
    // Prepare
    const empty = await renderUnreadable({ format: 'pdf' });

    // Act
    const response = await client.send(new DetectDocumentTextCommand({ Document: { Bytes: empty } }));

    // Assess
    expect(response.Blocks!.map((block) => block.BlockType)).toEqual(['PAGE']);
  });
});

describe('errors, as Textract names them', () => {
  async function failure(send: () => Promise<unknown>) {
    try {
      await send();
    } catch (error) {
      const { name, message, $metadata } = error as {
        name: string;
        message: string;
        $metadata: { httpStatusCode: number };
      };
      return { name, message, status: $metadata.httpStatusCode };
    }
    throw new Error('the request succeeded');
  }

  it('refuses bytes that are no image or PDF with UnsupportedDocumentException', async () => {
    // Prepare
    const gif = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1');

    // Act
    const error = await failure(() => client.send(new DetectDocumentTextCommand({ Document: { Bytes: gif } })));

    // Assess
    expect(error).toMatchObject({ name: 'UnsupportedDocumentException', status: 400 });
  });

  it('refuses a multi-page PDF in a synchronous operation with UnsupportedDocumentException', async () => {
    // Prepare
    const document = await PDFDocument.create();
    document.addPage();
    document.addPage();
    const pdf = Buffer.from(await document.save());

    // Act
    const error = await failure(() => client.send(new DetectDocumentTextCommand({ Document: { Bytes: pdf } })));

    // Assess
    expect(error).toMatchObject({ name: 'UnsupportedDocumentException', status: 400 });
  });

  it('refuses a request without a Document, or QUERIES without QueriesConfig, with InvalidParameterException', async () => {
    // Act
    const missing = await failure(() => client.send(new DetectDocumentTextCommand({} as never)));
    const noQueries = await failure(() =>
      client.send(new AnalyzeDocumentCommand({ Document: { Bytes: Buffer.from('%PDF-') }, FeatureTypes: ['QUERIES'] })),
    );

    // Assess
    expect(missing).toMatchObject({ name: 'InvalidParameterException', status: 400 });
    expect(missing.message).toMatch(/Document/);
    expect(noQueries).toMatchObject({ name: 'InvalidParameterException', status: 400 });
    expect(noQueries.message).toMatch(/QueriesConfig/);
  });

  it('answers a missing S3 object with InvalidS3ObjectException and a damaged PNG with BadDocumentException', async () => {
    // Prepare
    const damaged = Buffer.concat([(await renderUnreadable({ kind: 'blank' })).subarray(0, 40), Buffer.alloc(200, 7)]);

    // Act
    const missing = await failure(() =>
      client.send(new DetectDocumentTextCommand({ Document: { S3Object: { Bucket: bucket, Name: 'kyc/nope' } } })),
    );
    const bad = await failure(() => client.send(new DetectDocumentTextCommand({ Document: { Bytes: damaged } })));

    // Assess
    expect(missing).toMatchObject({ name: 'InvalidS3ObjectException', status: 400 });
    expect(bad).toMatchObject({ name: 'BadDocumentException', status: 400 });
  });

  it('answers an operation it does not implement with UnknownOperationException', async () => {
    // Act
    const response = await fetch(textract.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Textract.StartDocumentAnalysis' },
      body: '{}',
    });

    // Assess
    expect(response.status).toBe(400);
    expect(response.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
    expect(await response.json()).toEqual({
      __type: 'UnknownOperationException',
      message: 'Unknown operation Textract.StartDocumentAnalysis',
    });
  });
});

describe('reading helpers', () => {
  const line = (text: string, top: number): PageLine => ({
    text,
    confidence: 90,
    box: { left: 0.05, top, width: 0.8, height: 0.03 },
    words: [],
  });

  it('undoes OCR confusions in an MRZ by position, keeping a wrong check digit wrong', () => {
    // Prepare: ICAO's specimen as tesseract might read it: O for 0 in a date, 0 for O in a name,
    // « and K for fillers, fillers dropped at the end, a space inside the line
    const read = [
      line('Issuing state: UTO', 0.5),
      line('P<UT0ERIKSSON«ANNA<MARIA<<<<<KK<<<<<<<<<', 0.8),
      line('L898902C36UTO74O8122F1204159ZE184226B<<<<< 19', 0.9),
    ];

    // Act
    const mrz = readMrz(read);

    // Assess
    expect(mrz?.format).toBe('TD3');
    expect(mrz?.lines).toEqual([
      'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<',
      // the composite check digit reads 9 where ICAO printed 0: reported, not repaired
      'L898902C36UTO7408122F1204159ZE184226B<<<<<19',
    ]);
    const invalid = mrz?.parsed?.details.filter((detail) => !detail.valid).map((detail) => detail.field);
    expect(invalid).toEqual(expect.arrayContaining(['compositeCheckDigit']));
    expect(invalid).not.toContain('birthDateCheckDigit');
  });

  it('finds no MRZ in prose, labels or upper-case headings', () => {
    // Act
    const mrz = readMrz([
      line('CERTIFICATE OF INCORPORATION AND REGISTRATION', 0.1),
      line('This certifies that the company named below is incorporated', 0.2),
      line('Registration number: 12345678', 0.3),
    ]);

    // Assess
    expect(mrz).toBeUndefined();
  });

  it("matches each of the product's questions to the key it is about, and only to it", () => {
    // Prepare
    const keys = [
      'Company name',
      'Registration number',
      'Tax identification number',
      'Licence number',
      'Address',
      'Date of issue',
      'Expiry date',
      'Account holder',
      'Account number',
      'Statement date',
      'Period end',
    ];
    const fields = keys.map((key) => ({ key, value: `<${key}>` }) as FormField);
    const questions = [...new Set(Object.values(documentQueries).flatMap((queries) => queries!.map((q) => q.text)))];

    // Act
    const matched = Object.fromEntries(questions.map((question) => [question, answerQuery(question, fields)?.key]));
    const onBill = answerQuery(
      'What is the date of issue?',
      fields.filter((field) => field.key === 'Statement date'),
    );

    // Assess
    expect(matched).toEqual({
      'What is the company name?': 'Company name',
      'What is the registration number?': 'Registration number',
      'What is the address?': 'Address',
      'What is the date of issue?': 'Date of issue',
      'What is the expiry date?': 'Expiry date',
      'What is the tax identification number?': 'Tax identification number',
      'What is the name of the account holder?': 'Account holder',
      'What is the statement date?': 'Statement date',
      'What is the period end date?': 'Period end',
    });
    expect(onBill).toBeUndefined();
  });
});
