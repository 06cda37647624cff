// SNMP for discovery: ask a host who it is with the user's communities and v3 users.
export { querySnmp } from './snmp-query';
export type { CommunityVersion, ResolvedV3Credential, SnmpQueryOptions, SnmpQueryResult } from './snmp-types';
export { vendorOidTable, type VendorOidEntry } from './vendor-oids';
export { communityLabel } from './snmp-attempts';
export { oidIsUnder } from './snmp-values';
