import { callApi, eventually, postPresignedUpload, type ApiResponse } from './api-client';

/** Content types by the first bytes the generators produce. */
function contentTypeOf(bytes: Buffer): 'image/png' | 'image/jpeg' | 'application/pdf' {
  if (bytes.subarray(0, 4).toString('latin1') === '%PDF') return 'application/pdf';
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return 'image/jpeg';
  return 'image/png';
}

/**
 * A client's KYC journey over the real API: open a case, upload documents through presigned POSTs,
 * submit, and wait for the workflow. Used by the end-to-end tests and the KYC benchmark.
 */
export function createKycJourney(apiUrl: string) {
  return {
    /** The stack's business clock, for document dates relative to it. */
    async clockNow(): Promise<Date> {
      const response = await callApi(apiUrl, 'GET', '/_local/clock');
      return new Date(response.body.now as string);
    },

    async openCase(token: string, body: unknown): Promise<string> {
      const response = await callApi(apiUrl, 'POST', '/kyc/cases', { token, body });
      if (response.status !== 201) throw new Error(`open case: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body.caseId as string;
    },

    /** Registers, uploads and waits until the document is verified; returns its id. */
    async uploadDocument(token: string, caseId: string, type: string, bytes: Buffer): Promise<string> {
      const contentType = contentTypeOf(bytes);
      const registered = await callApi(apiUrl, 'POST', `/kyc/cases/${caseId}/documents`, {
        token,
        body: { type, contentType, sizeBytes: bytes.length },
      });
      if (registered.status !== 201) {
        throw new Error(`register ${type}: ${registered.status} ${JSON.stringify(registered.body)}`);
      }
      const documentId = registered.body.documentId as string;
      const posted = await postPresignedUpload(registered.body.upload, bytes, contentType);
      if (posted >= 300) throw new Error(`upload ${type}: HTTP ${posted}`);
      const view = await eventually(
        () => callApi(apiUrl, 'GET', `/kyc/cases/${caseId}`, { token }),
        (response) =>
          (response.body.documents as { documentId: string; status: string }[]).some(
            (document) => document.documentId === documentId && document.status !== 'PENDING_UPLOAD',
          ),
      );
      const document = (view.body.documents as { documentId: string; status: string }[]).find(
        (d) => d.documentId === documentId,
      );
      if (document?.status !== 'UPLOADED') throw new Error(`upload ${type}: document is ${document?.status}`);
      return documentId;
    },

    submit(token: string, caseId: string): Promise<ApiResponse> {
      return callApi(apiUrl, 'POST', `/kyc/cases/${caseId}/submit`, { token });
    },

    /** Waits until the case reaches one of `statuses` (OCR makes this take seconds). */
    async waitForStatus(token: string, caseId: string, statuses: string[], timeoutMs = 120_000) {
      const response = await eventually(
        () => callApi(apiUrl, 'GET', `/kyc/cases/${caseId}`, { token }),
        (r) => statuses.includes(r.body.status),
        timeoutMs,
      );
      if (!statuses.includes(response.body.status)) {
        throw new Error(`case ${caseId} is ${response.body.status}, expected ${statuses.join(' or ')}`);
      }
      return response.body;
    },
  };
}

/** YYYY-MM-DD of `date` moved by whole days. */
export function isoDay(date: Date, days = 0): string {
  return new Date(date.getTime() + days * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
}
