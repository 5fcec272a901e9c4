import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DUE_LABEL_MESSAGE } from '../../src/actions/due-input.js';
import { VIETNAM_2023 } from '../support/fixtures.js';
import { type ApiResponse, startTestApp, type TestApp } from '../support/app.js';

function dueWindow(api: Pick<TestApp, 'get'>, query: string): Promise<ApiResponse> {
  return api.get(`actions/due-window${query}`);
}

function expectValidationFailed(response: ApiResponse, message: string, details: { field: string; message: string }[]): void {
  expect(response.status).toBe(400);
  expect(response.body).toEqual({ statusCode: 400, code: 'validation_failed', message, details, requestId: response.headers.get('x-request-id') });
}

describe('GET /actions/due-window', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await startTestApp();
  });

  afterAll(async () => {
    await api.close();
  });

  it.each([
    ['najaar 2027', { dueFrom: '2027-09-01', dueTo: '2027-11-30', duePrecision: 'season', dueLabel: 'najaar 2027' }],
    ['early November 2023', { dueFrom: '2023-11-01', dueTo: '2023-11-10', duePrecision: 'part_of_month', dueLabel: 'early November 2023' }],
    ['2024-Q3', { dueFrom: '2024-07-01', dueTo: '2024-09-30', duePrecision: 'quarter', dueLabel: '2024-Q3' }],
    ['March 2024', { dueFrom: '2024-03-01', dueTo: '2024-03-31', duePrecision: 'month', dueLabel: 'March 2024' }],
    // Meteorological winter runs into the next year, to the end of a leap February here.
    ['winter 2023', { dueFrom: '2023-12-01', dueTo: '2024-02-29', duePrecision: 'season', dueLabel: 'winter 2023' }],
    ['  eind   mrt 2024 ', { dueFrom: '2024-03-21', dueTo: '2024-03-31', duePrecision: 'part_of_month', dueLabel: 'eind   mrt 2024' }],
    // Day first, as a Belgian officer writes a date; never month first.
    ['15/03/2027', { dueFrom: '2027-03-15', dueTo: '2027-03-15', duePrecision: 'day', dueLabel: '15/03/2027' }],
    ['04-03-2027', { dueFrom: '2027-03-04', dueTo: '2027-03-04', duePrecision: 'day', dueLabel: '04-03-2027' }],
    ['begin 2028', { dueFrom: '2028-01-01', dueTo: '2028-03-31', duePrecision: 'quarter', dueLabel: 'begin 2028' }],
    ['eind 2027', { dueFrom: '2027-10-01', dueTo: '2027-12-31', duePrecision: 'quarter', dueLabel: 'eind 2027' }],
  ])('reads %j as the window it stands for', async (label, expected) => {
    const response = await dueWindow(api, `?dueLabel=${encodeURIComponent(label)}`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual(expected);
  });

  it('gives the window an action saved with the same label gets, and saves nothing', async () => {
    const mission = await api.create<{ id: string }>('missions', VIETNAM_2023);
    const before = await api.get(`actions?missionId=${mission.id}`);
    const shown = await dueWindow(api, `?dueLabel=${encodeURIComponent('najaar 2027')}`);
    expect(shown.status).toBe(200);
    expect((await api.get(`actions?missionId=${mission.id}`)).body.total).toBe(before.body.total);

    const saved = await api.create<Record<string, unknown>>('actions', {
      title: 'Follow up the port cooperation with Vinamarine',
      missionId: mission.id,
      dueLabel: 'najaar 2027',
    });
    expect({ dueFrom: saved.dueFrom, dueTo: saved.dueTo, duePrecision: saved.duePrecision, dueLabel: saved.dueLabel }).toEqual(shown.body);
  });

  it('refuses a request without dueLabel, naming the field', async () => {
    const response = await dueWindow(api, '');
    expectValidationFailed(response, 'The request is not valid; see details', [{ field: 'dueLabel', message: 'dueLabel is required' }]);
  });

  it('refuses an empty dueLabel as missing', async () => {
    expectValidationFailed(await dueWindow(api, '?dueLabel=%20%20'), 'The request is not valid; see details', [
      { field: 'dueLabel', message: 'dueLabel is required' },
    ]);
  });

  it('refuses a label it does not understand with the forms it does', async () => {
    const response = await dueWindow(api, `?dueLabel=${encodeURIComponent('after the elections')}`);
    expectValidationFailed(response, DUE_LABEL_MESSAGE, [{ field: 'dueLabel', message: DUE_LABEL_MESSAGE }]);
    expect(DUE_LABEL_MESSAGE).toContain('najaar 2024');
  });

  it('refuses an impossible date written in a known form', async () => {
    expectValidationFailed(await dueWindow(api, '?dueLabel=2024-02-30'), DUE_LABEL_MESSAGE, [{ field: 'dueLabel', message: DUE_LABEL_MESSAGE }]);
  });

  it('refuses a label given twice', async () => {
    expectValidationFailed(await dueWindow(api, '?dueLabel=March%202024&dueLabel=April%202024'), 'The request is not valid; see details', [
      { field: 'dueLabel', message: 'dueLabel must be shorter than or equal to 100 characters' },
      { field: 'dueLabel', message: 'dueLabel must be a string' },
    ]);
  });

  it('refuses a label longer than 100 characters', async () => {
    expectValidationFailed(await dueWindow(api, `?dueLabel=${'x'.repeat(101)}`), 'The request is not valid; see details', [
      { field: 'dueLabel', message: 'dueLabel must be shorter than or equal to 100 characters' },
    ]);
  });

  it('refuses a query parameter it does not know', async () => {
    expectValidationFailed(await dueWindow(api, '?dueLabel=March%202024&dueDate=2024-03-15'), 'The request is not valid; see details', [
      { field: 'dueDate', message: 'unknown query parameter dueDate: this operation takes only dueLabel' },
    ]);
  });

  it('answers 401 without a token', async () => {
    const response = await dueWindow(api.as(null), '?dueLabel=March%202024');
    expect(response.status).toBe(401);
    expect(response.body).toEqual({
      statusCode: 401,
      code: 'unauthorized',
      message: expect.any(String),
      details: [],
      requestId: response.headers.get('x-request-id'),
    });
  });
});
