import { resolve } from 'node:path';
import openapiTS, { astToString, COMMENT_HEADER, type OpenAPI3, type OperationObject, type ParameterObject, type ReferenceObject } from 'openapi-typescript';

/** The typed API client of the dashboard, generated from the service's OpenAPI document and checked in. */
export const API_CLIENT_FILE = resolve('web/src/api/schema.d.ts');

export const API_DOCUMENT_PATH = '/api/docs-json';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** The OpenAPI document of a running service, given its base URL (`http://127.0.0.1:3000`). */
export async function readApiDocument(baseUrl: string): Promise<OpenAPI3> {
  const response = await fetch(`${baseUrl}${API_DOCUMENT_PATH}`);
  if (!response.ok) throw new Error(`GET ${API_DOCUMENT_PATH} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as OpenAPI3;
}

/**
 * Puts the path parameters of every operation first, in the order its path names them.
 *
 * The order of reflected parameters depends on the type metadata the compiler emitted: a parameter
 * typed with an imported type alias (`resource: HistoryPath` in /{resource}/{id}/history) is a
 * String when tsc compiles the service but an Object under Jest, which only transpiles file by file,
 * and @nestjs/swagger then lists it after the others. Fixing the order makes the client the same
 * from either document; for the service as built it changes nothing, since Nest already lists path
 * parameters first in path order.
 */
export function orderPathParameters(document: OpenAPI3): OpenAPI3 {
  const ordered = structuredClone(document);
  for (const [path, item] of Object.entries(ordered.paths ?? {})) {
    if ('$ref' in item) continue;
    const rank = (parameter: ParameterObject | ReferenceObject): number =>
      '$ref' in parameter || parameter.in !== 'path' ? Number.MAX_SAFE_INTEGER : path.indexOf(`{${parameter.name}}`);
    for (const method of METHODS) {
      const operation: OperationObject | ReferenceObject | undefined = item[method];
      // Array.prototype.sort is stable: the other parameters keep their documented order.
      if (operation && !('$ref' in operation) && operation.parameters) operation.parameters.sort((a, b) => rank(a) - rank(b));
    }
  }
  return ordered;
}

/**
 * The client types for a document: what `npx openapi-typescript <document> -o <file>` writes for it,
 * byte for byte, once its path parameters are in path order (see orderPathParameters). The CLI
 * leaves every option it is not given to the library's defaults and puts its header comment in front.
 */
export async function generateApiClient(document: OpenAPI3): Promise<string> {
  const nodes = await openapiTS(orderPathParameters(document), { silent: true });
  return `${COMMENT_HEADER}${astToString(nodes)}`;
}
