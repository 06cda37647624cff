// Cardinality: drop rules built from the report ("Drop this" on a family or a label
// value), their preview (which series go, the metric_relabel_configs YAML), saving them
// for a deployment's scrape job, and redeploying Promstead's Prometheus through the
// deploy store so the plan and apply are the Deploy page's own.
import { create } from 'zustand';
import {
  type ApiError,
  type DeploymentRecord,
  type DropPreview,
  type DropRule,
  type ScrapeTarget,
  withoutGeneratedConfig,
} from '@shared/contract';
import { getClient } from '../../api';
import { useDeployStore } from '../deploy.store';
import { escapeRegex } from './series-key';

export interface DropsState {
  /** The target the rules are for; another target starts a new list. */
  target?: ScrapeTarget;
  rules: readonly DropRule[];
  preview: { status: 'idle' | 'loading' | 'ready' | 'error'; result?: DropPreview; error?: ApiError };
  save: { status: 'idle' | 'saving' | 'saved' | 'error'; error?: ApiError; prometheusHostId?: string };
  prometheusError?: string;
  forTarget(target: ScrapeTarget | undefined): void;
  dropFamily(family: string): void;
  dropLabelValue(family: string, label: string, value: string): void;
  removeRule(index: number): void;
  previewDrops(): Promise<void>;
  saveDrops(): Promise<void>;
  deployPrometheus(): Promise<void>;
}

/** Why saving is not offered for a target, or undefined when it is. */
export function saveRefusal(target: ScrapeTarget | undefined): string | undefined {
  if (!target) return 'Choose a target first.';
  if (target.kind === 'deployment') return undefined;
  return 'Drop rules are saved into the scrape job Promstead writes for its own deployments. This target is not one, so Promstead does not scrape it: copy the YAML into the scrape job of the Prometheus that does.';
}

/** A family's sample names: its own, or with a part suffix (exactly these, not longer names). */
function familyNames(family: string): string {
  return `${escapeRegex(family)}(_total|_bucket|_sum|_count|_created|_info|_gcount|_gsum)?`;
}

/** A rule for every series of a family. */
export function familyRule(family: string): DropRule {
  return { metric: familyNames(family), labels: {}, note: `all of ${family}` };
}

export function labelValueRule(family: string, label: string, value: string): DropRule {
  return {
    metric: familyNames(family),
    labels: { [label]: escapeRegex(value) },
    note: `${family} where ${label}="${value}"`.slice(0, 300),
  };
}

function sameRule(a: DropRule, b: DropRule): boolean {
  return a.metric === b.metric && JSON.stringify(a.labels) === JSON.stringify(b.labels);
}

const idle = { preview: { status: 'idle' as const }, save: { status: 'idle' as const } };

/** The deployed Prometheus on a host, with the params it was deployed with. */
export function prometheusRecord(
  deployments: readonly DeploymentRecord[],
  hostId: string,
): DeploymentRecord | undefined {
  return deployments.find((record) => record.hostId === hostId && record.exporter === 'prometheus');
}

export const useDropsStore = create<DropsState>()((set, get) => {
  let previewRequest = 0;

  function withRule(rule: DropRule): void {
    if (get().rules.some((existing) => sameRule(existing, rule))) return;
    previewRequest++;
    set({ rules: [...get().rules, rule], ...idle, prometheusError: undefined });
  }

  return {
    rules: [],
    ...idle,

    forTarget: (target) => {
      if (JSON.stringify(target) === JSON.stringify(get().target)) return;
      previewRequest++;
      set({ target, rules: [], ...idle, prometheusError: undefined });
    },

    dropFamily: (family) => withRule(familyRule(family)),
    dropLabelValue: (family, label, value) => withRule(labelValueRule(family, label, value)),

    removeRule: (index) => {
      previewRequest++;
      set({ rules: get().rules.filter((_, position) => position !== index), ...idle });
    },

    previewDrops: async () => {
      const { target, rules } = get();
      if (!target || rules.length === 0) return;
      const request = ++previewRequest;
      set({ preview: { status: 'loading' } });
      const result = await getClient().api.metrics.previewDrops({ target, rules: [...rules] });
      if (request !== previewRequest) return;
      set({
        preview: result.ok
          ? { status: 'ready', result: result.data }
          : { status: 'error', error: result.error },
      });
    },

    saveDrops: async () => {
      const { target, rules } = get();
      if (target?.kind !== 'deployment') return;
      set({ save: { status: 'saving' } });
      const result = await getClient().api.metrics.saveDrops({
        hostId: target.hostId,
        exporter: target.exporter,
        rules: [...rules],
      });
      set({
        save: result.ok
          ? { status: 'saved', prometheusHostId: result.data.prometheusHostId }
          : { status: 'error', error: result.error },
      });
    },

    deployPrometheus: async () => {
      const hostId = get().save.prometheusHostId;
      if (!hostId) return;
      // The params Prometheus was deployed with, less the config the last deploy rendered:
      // the redeploy renders it again, now with the saved drop rules.
      const listed = await getClient().api.deploy.list({ hostId });
      if (!listed.ok) {
        set({ prometheusError: listed.error.message });
        return;
      }
      const record = prometheusRecord(listed.data.deployments, hostId);
      if (!record) {
        set({ prometheusError: `No Prometheus deployment is recorded on ${hostId}.` });
        return;
      }
      set({ prometheusError: undefined });
      await useDeployStore
        .getState()
        .planFor(
          hostId,
          [{ exporter: 'prometheus', params: withoutGeneratedConfig(record.params) }],
          record.method,
        );
    },
  };
});
