// The exporters.* operations: the catalog as the UI lists it, and one exporter's
// artefacts for an install style, both under the settings' render context.
import { PromsteadError } from '@shared/contract';
import type { NamespaceHandlers } from '../boundary';
import { buildArtefacts, catalogEntry } from './artefacts';
import { exporterCatalog } from './catalog';
import type { RenderContext } from './catalog-types';

export function exporterHandlers(
  renderContext: (exporterId?: string) => RenderContext,
): NamespaceHandlers<'exporters'> {
  return {
    'exporters.list': async () => ({
      exporters: Object.values(exporterCatalog).map((definition) =>
        catalogEntry(definition, renderContext(definition.id)),
      ),
    }),
    'exporters.artefacts': async ({ id, style, params, host }) => {
      const definition = Object.values(exporterCatalog).find((candidate) => candidate.id === id);
      if (!definition) {
        throw new PromsteadError(
          'NOT_FOUND',
          `No exporter "${id}" in the catalog; \`promstead exporter list\` shows them.`,
        );
      }
      return { artefacts: buildArtefacts(definition, style, params, host, renderContext(definition.id)) };
    },
  };
}
