import { isIPv4, isIPv6 } from 'node:net';
import type { IncidentEntity } from '../schemas/incident.js';

// What an entity is called and which of its fields carries its value. Shared by the formatter,
// the statistics and the related-incident search, so they all agree on "the same entity".

const KIND_BY_TYPE: Record<string, string> = {
  User: 'account',
  Device: 'host',
  IP: 'ip',
  FileHash: 'hash',
  URL: 'url',
  Mailbox: 'mailbox',
  File: 'file',
  Process: 'process',
  CloudApplication: 'cloudapp',
  DomainName: 'domain',
  MailMessage: 'mail',
  Malware: 'malware',
};

/** Short kind for an entity type: "account", "host", "ip", …; unknown types keep their name. */
export function entityKind(entity: IncidentEntity): string {
  return KIND_BY_TYPE[entity.type ?? ''] ?? entity.type ?? 'entity';
}

/** The field an analyst would pivot on, by entity type. */
export function primaryValue(entity: IncidentEntity): string | null {
  const candidates: (string | null)[] = (() => {
    switch (entity.type) {
      case 'IP':
        return [entity.ipAddress, entity.displayName];
      case 'User':
        return [entity.userPrincipalName, entity.displayName, entity.friendlyName, entity.aadUserId];
      case 'Device':
        return [entity.hostName, entity.displayName, entity.deviceId];
      case 'FileHash':
        return [entity.fileHash, entity.displayName];
      case 'File':
        return [entity.fileName, entity.displayName];
      case 'Mailbox':
        return [entity.emailAddress, entity.displayName];
      case 'MailMessage':
        return [entity.emailSubject, entity.displayName];
      default:
        return [entity.displayName, entity.friendlyName, entity.fileName, entity.hostName, entity.ipAddress];
    }
  })();
  return candidates.find((v) => v !== null && v.trim() !== '') ?? null;
}

/** An IP address in one canonical text form (IPv6 compressed and lower-case, IPv4-mapped unwrapped). */
export function canonicalIp(value: string): string | null {
  let text = value.trim().toLowerCase();
  if (text.startsWith('[') && text.endsWith(']')) text = text.slice(1, -1);
  text = text.replace(/%.*$/, ''); // zone index
  if (isIPv4(text)) return text;
  if (!isIPv6(text)) return null;
  // WHATWG URL serialises IPv6 hosts canonically (RFC 5952).
  const host = new URL(`http://[${text}]/`).hostname.slice(1, -1);
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(host);
  if (mapped) {
    const high = Number.parseInt(mapped[1] ?? '0', 16);
    const low = Number.parseInt(mapped[2] ?? '0', 16);
    return [high >> 8, high & 255, low >> 8, low & 255].join('.');
  }
  return host;
}

/** The user part of `DOMAIN\user`, `user@domain.tld` or `user`, lower-case. */
export function accountName(value: string): string {
  const text = value.trim().toLowerCase();
  const backslash = text.lastIndexOf('\\');
  if (backslash >= 0) return text.slice(backslash + 1);
  const at = text.indexOf('@');
  return at >= 0 ? text.slice(0, at) : text;
}

/** A key under which the same entity counts once across incidents and workspaces. */
export function entityKey(kind: string, value: string): string {
  const text = value.trim();
  switch (kind) {
    case 'ip':
      return `ip:${canonicalIp(text) ?? text.toLowerCase()}`;
    case 'host':
      return `host:${text.toLowerCase().replace(/\.$/, '')}`;
    case 'url':
      return `url:${text.toLowerCase().replace(/\/+$/, '')}`;
    default:
      return `${kind}:${text.toLowerCase()}`;
  }
}
