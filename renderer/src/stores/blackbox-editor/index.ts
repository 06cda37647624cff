// The blackbox module editor of the Exporters and Deploy pages: the modules as typed
// drafts, the field checks that mirror the server's schema, the pure editing steps, and
// the store slice both stores share (with the Exporters store's binding of it).
export {
  blackboxEditorActions,
  initialBlackboxEditorState,
  type BlackboxEditorState,
} from './blackbox-editor.slice';
export {
  blackboxExporterId,
  editorForSelection,
  editorFromParamsText,
  type BlackboxEditorData,
  type ModuleChange,
} from './editor-steps';
export { exportersBlackboxEditorActions } from './exporters-blackbox.slice';
export {
  blackboxPresets,
  dnsQueryTypes,
  presetTargetKind,
  targetKindHints,
  type BlackboxPreset,
  type DnsQueryType,
} from './module-checks';
export {
  allModuleProblems,
  defaultBody,
  defaultContentType,
  draftsFromParams,
  effectiveName,
  emptyModuleDraft,
  hasField,
  moduleParams,
  moduleProblems,
  modulesAreValid,
  paramsWithModules,
  type BlackboxModuleDraft,
  type ModuleProblems,
} from './module-draft';
