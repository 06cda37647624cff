// Pure metric analysis shared by the renderer and the engine: the cardinality of a
// scrape, and drop rules (validated, turned into metric_relabel_configs, previewed).
export {
  cardinalityReport,
  type CardinalityOptions,
  type CardinalityReport,
  type FamilyCardinality,
  type LabelCardinality,
  type LabelOverall,
  type ValueCount,
} from './cardinality';
export {
  compileDropRule,
  compileDropRules,
  dropRuleToRelabel,
  dropSeparator,
  escapeRegex,
  matchesDropRule,
  reservedDropLabels,
  type CompiledDropRule,
  type DropRelabelConfig,
  type SeriesRef,
} from './drop-rules';
export {
  formatSeries,
  metricPatternForFamily,
  previewDropRules,
  type DropPreviewCounts,
} from './drop-preview';
