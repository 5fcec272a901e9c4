import { expect } from '@jest/globals';
import { demoId } from '../../src/demo/seed.js';
import type { TestApp } from '../support/app.js';

/** The password the browser tests give the demo's users (the demo seeds them without one). */
export const DEMO_PASSWORD = 'Vietnam-2023-follow-up';
/** Els Vermeulen, the officer responsible for the Vietnam mission. */
export const ELS = { id: demoId('user', 'user-els'), email: 'els.vermeulen@fit.example' };
/** An Claes, who may only read. */
export const AN = { id: demoId('user', 'user-viewer'), email: 'an.claes@fit.example' };

/** Gives these demo users DEMO_PASSWORD, as an admin would through the API. */
export async function giveDemoPassword(app: TestApp, ...users: { id: string }[]): Promise<void> {
  for (const user of users) {
    const current = await app.get(`users/${user.id}`);
    expect((await app.patch(`users/${user.id}`, { password: DEMO_PASSWORD, version: current.body.version })).status).toBe(200);
  }
}
