// metrics.previewDrops, metrics.drops and metrics.saveDrops: drop rules checked as RE2,
// previewed on a live scrape, and saved per deployment for the next Prometheus deploy.
import { PromsteadError, type DropPreview } from '@shared/contract';
import { compileDropRules, previewDropRules } from '@shared/metrics';
import type { NamespaceHandlers } from '../boundary';
import type { DeployService } from '../deploy';
import { renderMetricRelabelConfigs } from '../prometheus';
import type { DropStore } from './drop-store';
import type { ScrapeFamilies } from './metrics-services';

/** The part of MetricsHandlerServices the drop rules use. */
export interface DropHandlerServices {
  drops: DropStore;
  deploy: Pick<DeployService, 'list'>;
  scrapeFamilies?: ScrapeFamilies;
}

/** Series listed in a preview; the counts cover them all. */
const maxListed = 200;

export function dropHandlers(
  services: DropHandlerServices,
): Pick<NamespaceHandlers<'metrics'>, 'metrics.previewDrops' | 'metrics.drops' | 'metrics.saveDrops'> {
  return {
    'metrics.previewDrops': async ({ target, rules }) => {
      // Bad rules fail before the scrape, which may take seconds.
      const compiled = compileDropRules(rules);
      if (!services.scrapeFamilies) {
        throw new PromsteadError('INTERNAL', 'Scraping is not available to the drop preview in this build.');
      }
      const families = await services.scrapeFamilies(target);
      const counts = previewDropRules(families, rules, { maxListed });
      const preview: DropPreview = {
        relabelYaml: renderMetricRelabelConfigs(compiled.map((rule) => rule.relabel)),
        ...counts,
      };
      return preview;
    },
    'metrics.drops': async ({ hostId }) => ({ drops: services.drops.list(hostId) }),
    'metrics.saveDrops': async ({ hostId, exporter, rules }) => {
      const deployed = services.deploy.list(hostId).some((record) => record.exporter === exporter);
      if (!deployed) {
        throw new PromsteadError(
          'NOT_FOUND',
          `Promstead has not deployed ${exporter} on host ${hostId}: drop rules belong to a deployed exporter's scrape job. Deploy it first.`,
        );
      }
      const checked = compileDropRules(rules).map((rule) => rule.rule);
      const saved = await services.drops.save(hostId, exporter, checked);
      const prometheus = services.deploy.list().find((record) => record.exporter === 'prometheus');
      return { ...saved, ...(prometheus ? { prometheusHostId: prometheus.hostId } : {}) };
    },
  };
}
