import type { FastifyInstance } from 'fastify';
import { DomainError } from '../common/errors.js';
import { CSV_MEDIA_TYPE, XLSX_MEDIA_TYPE } from '../common/media-types.js';
import { IMPORT_MAX_BYTES, IMPORT_MEDIA_TYPES } from './import-limits.js';

const JSON_ONLY = 'Send the body as application/json';

/** The one route whose body is a file. */
export const IMPORT_ROUTE = '/api/v1/imports/:kind';

/**
 * Files for imports: CSV and workbook bodies are read as bytes, up to IMPORT_MAX_BYTES, on the
 * import route only. Every other route still takes JSON alone (415 for these types) and keeps
 * the BODY_LIMIT of JSON; the file is refused before it is read.
 */
export function acceptImportFiles(fastify: FastifyInstance): void {
  // Any other type: on the import route the advice is a file type, elsewhere JSON.
  fastify.addContentTypeParser('*', (request, _payload, done) => {
    const advice = request.routeOptions.url === IMPORT_ROUTE ? `Send the file as ${CSV_MEDIA_TYPE} or as an .xlsx workbook (${XLSX_MEDIA_TYPE})` : JSON_ONLY;
    done(new DomainError('unsupported_media_type', advice), undefined);
  });
  fastify.addContentTypeParser([...IMPORT_MEDIA_TYPES], (request, payload, done) => {
    if (request.routeOptions.url !== IMPORT_ROUTE) {
      done(new DomainError('unsupported_media_type', JSON_ONLY), undefined);
      return;
    }
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > IMPORT_MAX_BYTES) {
      done(tooLarge(), undefined);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    payload.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > IMPORT_MAX_BYTES) {
        failed = true;
        payload.destroy();
        done(tooLarge(), undefined);
        return;
      }
      chunks.push(chunk);
    });
    payload.on('end', () => {
      if (!failed) done(null, Buffer.concat(chunks));
    });
    payload.on('error', (error) => {
      if (failed) return;
      failed = true;
      done(error, undefined);
    });
  });
}

const tooLarge = (): DomainError =>
  new DomainError('payload_too_large', `The file is larger than ${IMPORT_MAX_BYTES} bytes (${IMPORT_MAX_BYTES / 2 ** 20} MiB); split it into several imports`);
