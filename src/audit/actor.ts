export { currentActor } from '../auth/request-context.js';
