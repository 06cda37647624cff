// The classification rules, as data: each names one fact that says what a host is, how
// strongly (weight, see ClassificationRule), and the evidence line a person reads.
// Patterns stay simple (no nested repetition) and read text cut to 1 KB (text.ts).
import { hypervisorRules, nasRules } from './appliance-rules';
import type { ClassificationRule } from './classification-rule';
import { identifyAgent } from './enterprise-numbers';
import { enterpriseRules } from './enterprise-rules';
import { containerAndDatabaseRules, linuxRules, windowsRules } from './host-rules';
import { normalizeOid, unifiControllerService } from './host-signals';
import { macVendorRules } from './mac-vendors';
import { networkRules, printerRules, routerRules } from './network-rules';
import { sysDescrShown, titleOn } from './rule-evidence';
import { quote } from './text';

/** Rules that say something worth showing but point to no kind. */
const informationRules = [
  {
    id: 'unifi-controller',
    when: (facts) => unifiControllerService(facts) !== undefined,
    gives: {},
    weight: 0.5,
    evidence: (facts) =>
      `runs a UniFi controller: web UI ${titleOn({ service: unifiControllerService(facts) })}`,
  },
  {
    id: 'snmp-unlisted-enterprise',
    when: (facts) => facts.snmp !== undefined && identifyAgent(facts) === undefined,
    gives: {},
    weight: 0.1,
    evidence: (facts) => {
      const oid = normalizeOid(facts.snmp?.sysObjectID ?? '');
      const named = oid ? `sysObjectID ${quote(oid, 60)} is not in Promstead's table` : 'no sysObjectID';
      return `SNMP ${facts.snmp?.version ?? ''} answered with ${named}; sysDescr ${sysDescrShown(facts)}`;
    },
  },
] as const satisfies readonly ClassificationRule[];

/** Every rule, in the order evidence lists lines of equal weight. */
export const classificationRules: readonly ClassificationRule[] = [
  ...nasRules,
  ...hypervisorRules,
  ...networkRules,
  ...routerRules,
  ...printerRules,
  ...windowsRules,
  ...linuxRules,
  ...containerAndDatabaseRules,
  ...enterpriseRules,
  ...macVendorRules,
  ...informationRules,
];
