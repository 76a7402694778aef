import findRelatedIncidents from './contraforce_find_related_incidents.js';
import getIncident from './contraforce_get_incident.js';
import incidentStats from './contraforce_incident_stats.js';
import listIncidents from './contraforce_list_incidents.js';

/** Every tool the server offers. The only list: registration, docs and tests read it. */
export const TOOLS = [listIncidents, getIncident, incidentStats, findRelatedIncidents] as const;
