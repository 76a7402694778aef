import incidentStats from './contraforce_incident_stats.js';
import listIncidents from './contraforce_list_incidents.js';

/** Every tool the server offers. The only list: registration, docs and tests read it. */
export const TOOLS = [listIncidents, incidentStats] as const;
