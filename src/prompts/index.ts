import investigateEntity from './investigate_entity.js';
import shiftHandover from './shift_handover.js';
import triageToday from './triage_today.js';

/** Every prompt the server offers. */
export const PROMPTS = [triageToday, shiftHandover, investigateEntity] as const;
