import { UserInputError } from '../errors.js';
import type { Incident, IncidentEntity } from '../schemas/incident.js';
import { accountName, canonicalIp } from './entities.js';

export const ENTITY_QUERY_TYPES = ['ip', 'host', 'account', 'hash', 'url', 'mailbox', 'any'] as const;
export type EntityQueryType = (typeof ENTITY_QUERY_TYPES)[number];

export interface EntityMatch {
  /** The entity field that matched, e.g. "ipAddress". */
  field: string;
  /** Its value as the API sent it. */
  value: string;
}

type Field = keyof IncidentEntity;
type Comparator = (candidate: string) => boolean;

// Which entity fields each kind of value can be found in.
const FIELDS: Record<Exclude<EntityQueryType, 'any'>, Field[]> = {
  ip: ['ipAddress', 'displayName', 'friendlyName'],
  host: ['hostName', 'displayName', 'friendlyName'],
  account: ['userPrincipalName', 'displayName', 'friendlyName', 'aadUserId', 'accountEntityId'],
  hash: ['fileHash', 'displayName'],
  url: ['displayName', 'friendlyName'],
  mailbox: ['emailAddress', 'userPrincipalName', 'displayName'],
};
const ALL_FIELDS: Field[] = [
  'ipAddress',
  'hostName',
  'userPrincipalName',
  'emailAddress',
  'aadUserId',
  'accountEntityId',
  'fileHash',
  'fileName',
  'displayName',
  'friendlyName',
  'deviceId',
  'emailSubject',
];

const firstLabel = (host: string) => host.split('.')[0] ?? host;
const normalHost = (value: string) => value.trim().toLowerCase().replace(/\.$/, '');
const normalUrl = (value: string) =>
  value
    .trim()
    .toLowerCase()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
    .replace(/\/+$/, '');

function comparator(type: Exclude<EntityQueryType, 'any'>, query: string): Comparator | null {
  const lower = query.trim().toLowerCase();
  switch (type) {
    case 'ip': {
      const ip = canonicalIp(query);
      return ip ? (candidate) => canonicalIp(candidate) === ip : null;
    }
    case 'host': {
      const host = normalHost(query);
      return (candidate) => {
        const other = normalHost(candidate);
        if (other === host) return true;
        // With or without the domain: "jump-01" matches "jump-01.contoso.example".
        const bothQualified = host.includes('.') && other.includes('.');
        return !bothQualified && firstLabel(other) === firstLabel(host);
      };
    }
    case 'account': {
      const name = accountName(query);
      return (candidate) => candidate.trim().toLowerCase() === lower || accountName(candidate) === name;
    }
    case 'hash':
      return /^[0-9a-f]{32,128}$/i.test(lower)
        ? (candidate) => candidate.trim().toLowerCase() === lower
        : null;
    case 'url': {
      const url = normalUrl(query);
      return (candidate) => normalUrl(candidate) === url;
    }
    case 'mailbox':
      return lower.includes('@') ? (candidate) => candidate.trim().toLowerCase() === lower : null;
  }
}

/**
 * Finds an entity value in incidents, case-insensitively and in its normal forms: IPv6 written any
 * way, `DOMAIN\user` against a UPN, hashes in either letter case, host names with or without their
 * domain, URLs with or without scheme or trailing slash.
 */
export class EntityMatcher {
  // firstOnly: compare only the entity's most specific field present. A device's display name is
  // often the short host name, which would match every tenant's host of that name even when the
  // query names the domain.
  private readonly rules: { fields: Field[]; matches: Comparator; firstOnly?: boolean }[] = [];

  constructor(
    readonly query: string,
    readonly type: EntityQueryType,
  ) {
    const value = query.trim();
    if (!value) throw new UserInputError('entity is empty; pass the value to look for, e.g. "203.0.113.66".');
    if (type === 'any') {
      for (const kind of Object.keys(FIELDS) as Exclude<EntityQueryType, 'any'>[]) {
        const matches = comparator(kind, value);
        if (matches) this.rules.push({ fields: FIELDS[kind], matches, firstOnly: kind === 'host' });
      }
      const lower = value.toLowerCase();
      this.rules.push({
        fields: ALL_FIELDS,
        matches: (candidate) => candidate.trim().toLowerCase() === lower,
      });
      return;
    }
    const matches = comparator(type, value);
    if (!matches) {
      const example = {
        ip: '203.0.113.66 or 2001:db8::66',
        hash: 'a SHA-256 in hex',
        mailbox: 'name@example.com',
      }[type as 'ip' | 'hash' | 'mailbox'];
      throw new UserInputError(
        `entity "${value}" is not a valid ${type} (e.g. ${example}); fix it, or use entityType "any".`,
      );
    }
    this.rules.push({ fields: FIELDS[type], matches, firstOnly: type === 'host' });
  }

  /** The first entity field of the incident that holds the value, or null. */
  match(incident: Incident): EntityMatch | null {
    for (const entity of incident.entities) {
      for (const rule of this.rules) {
        for (const field of rule.fields) {
          const candidate = entity[field];
          if (typeof candidate !== 'string' || candidate === '') continue;
          if (rule.matches(candidate)) return { field, value: candidate };
          if (rule.firstOnly) break;
        }
      }
    }
    return null;
  }

  /** The value in normal form, to show what was searched. */
  get normalized(): string {
    const value = this.query.trim();
    return this.type === 'ip' || this.type === 'any'
      ? (canonicalIp(value) ?? value.toLowerCase())
      : value.toLowerCase();
  }
}
