import * as z from 'zod';

// Enumerations of the vendor's OpenAPI (spec/list-incidents-across-workspaces.openapi.yaml).
// Requests use them strictly; responses keep unknown values as plain strings (see incident.ts).

export const SEVERITIES = ['Informational', 'Low', 'Medium', 'High'] as const;
export const STATUSES = ['Active', 'New', 'Closed'] as const;
export const INCIDENT_SOURCES = [
  'Sentinel',
  'DefenderXDR',
  'QRadar',
  'Splunk',
  'CrowdStrike',
  'SentinelOne',
] as const;
export const TIME_FILTERING_TYPES = [
  'ThreeHours',
  'SixHours',
  'TwelveHours',
  'TwentyFourHours',
  'FourtyEightHours',
  'Custom',
] as const;
export const CLASSIFICATIONS = [
  'BenignPositive',
  'FalsePositive',
  'TruePositive',
  'Undetermined',
  'InformationalExpectedActivity',
  'Unknown',
  'NonIssue',
  'PolicyViolation',
  'QradarFalsePositive',
  'Undefined',
  'Suspicious',
] as const;
export const CLASSIFICATION_REASONS = [
  'InaccurateData',
  'IncorrectAlertLogic',
  'SuspiciousActivity',
  'SuspiciousButExpected',
  'Unknown',
  'Apt',
  'Malware',
  'SecurityPersonnel',
  'SecurityTesting',
  'UnwantedSoftware',
  'Other',
  'MultistagedAttack',
  'CompromisedUser',
  'Phishing',
  'MaliciousUserActivity',
  'NotMalicious',
  'NoEnoughDataToValidate',
  'ConfirmedUserActivity',
  'LineOfBusinessApplication',
] as const;
export const ENTITY_TYPES = [
  'User',
  'IP',
  'File',
  'Process',
  'Device',
  'Malware',
  'CloudApplication',
  'DomainName',
  'AzureResource',
  'FileHash',
  'RegistryKey',
  'RegistryValue',
  'SecurityGroup',
  'URL',
  'IoTDevice',
  'Mailbox',
  'MailCluster',
  'MailMessage',
  'Submission',
  'SentinelEntities',
  'DnsResolution',
  'Registry',
  'OAuthApplication',
  'AmazonResource',
  'BlobContainer',
  'Blob',
  'Container',
  'ContainerRegistry',
  'ContainerImage',
  'GoogleCloudResource',
  'KubernetesCluster',
  'KubernetesController',
  'KubernetesNamespace',
  'KubernetesPod',
  'KubernetesService',
  'KubernetesSecret',
  'KubernetesServiceAccount',
  'AnalyzedMessage',
  'DNS',
  'Unknown',
] as const;

export type Severity = (typeof SEVERITIES)[number];
export type Status = (typeof STATUSES)[number];
export type IncidentSource = (typeof INCIDENT_SOURCES)[number];
export type TimeFilteringType = (typeof TIME_FILTERING_TYPES)[number];

// The spec's enum schemas, strict. Response parsing uses lenient versions of the same lists.
export const SeveritySchema = z.enum(SEVERITIES);
export const StatusSchema = z.enum(STATUSES);
export const IncidentSourceSchema = z.enum(INCIDENT_SOURCES);
export const TimeFilteringTypeSchema = z.enum(TIME_FILTERING_TYPES).nullable();
export const ClassificationSchema = z.enum(CLASSIFICATIONS).nullable();
export const ClassificationReasonSchema = z.enum(CLASSIFICATION_REASONS).nullable();
export const EntityTypeSchema = z.enum(ENTITY_TYPES);
