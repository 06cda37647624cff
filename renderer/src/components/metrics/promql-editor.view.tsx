// The PromQL editor: CodeMirror 6 with Prometheus's PromQL language (highlighting,
// linting, completion of functions, metric and label names through the given client).
// Enter runs the query, Shift+Enter adds a line, as in Prometheus's own UI. The editor
// lives in a shadow root: there CodeMirror styles itself with constructed style sheets,
// which the page's CSP allows, where on the document it would add <style> tags (blocked).
import { useEffect, useRef, type JSX } from 'react';
import { autocompletion, closeBrackets, closeBracketsKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, insertNewlineAndIndent } from '@codemirror/commands';
import { bracketMatching, defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { lintKeymap } from '@codemirror/lint';
import { EditorState, Prec } from '@codemirror/state';
import { EditorView, keymap, placeholder } from '@codemirror/view';
import { PromQLExtension, type PrometheusClient } from '@prometheus-io/codemirror-promql';

export interface PromqlEditorProps {
  value: string;
  completion: PrometheusClient;
  onChange(value: string): void;
  onRun(): void;
}

/** The page's colours reach into the shadow root through its custom properties. */
const editorTheme = EditorView.theme({
  '&': { color: 'var(--color-text)', backgroundColor: 'var(--color-surface)', fontSize: '14px' },
  '&.cm-focused': { outline: '2px solid var(--color-focus)' },
  '.cm-content': { fontFamily: 'var(--font-mono)', padding: '8px 0', caretColor: 'var(--color-text)' },
  '.cm-line': { padding: '0 10px' },
  '.cm-placeholder': { color: 'var(--color-text-muted)' },
  '.cm-tooltip': {
    backgroundColor: 'var(--color-surface)',
    border: '1px solid var(--color-border-strong)',
    color: 'var(--color-text)',
  },
  '.cm-tooltip-autocomplete ul li[aria-selected]': {
    backgroundColor: 'var(--color-accent-soft)',
    color: 'var(--color-text)',
  },
});

export function PromqlEditor({ value, completion, onChange, onRun }: PromqlEditorProps): JSX.Element {
  const hostRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EditorView | undefined>(undefined);
  const handlers = useRef({ onChange, onRun });
  useEffect(() => {
    handlers.current = { onChange, onRun };
  });

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const shadow = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
    const parent = document.createElement('div');
    shadow.replaceChildren(parent);
    const promql = new PromQLExtension().setComplete({ remote: completion });
    const view = new EditorView({
      root: shadow,
      parent,
      state: EditorState.create({
        doc: value,
        extensions: [
          history(),
          closeBrackets(),
          bracketMatching(),
          autocompletion(),
          syntaxHighlighting(defaultHighlightStyle),
          placeholder('Expression, e.g. rate(node_network_receive_bytes_total[5m])'),
          promql.asExtension(),
          EditorView.lineWrapping,
          editorTheme,
          EditorView.contentAttributes.of({
            'aria-label': 'PromQL expression',
            'data-testid': 'promql-input',
          }),
          Prec.highest(
            keymap.of([
              { key: 'Enter', run: () => (handlers.current.onRun(), true) },
              { key: 'Shift-Enter', run: insertNewlineAndIndent },
            ]),
          ),
          keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, ...lintKeymap]),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) handlers.current.onChange(update.state.doc.toString());
          }),
        ],
      }),
    });
    viewRef.current = view;
    return () => {
      view.destroy();
      promql.destroy();
      viewRef.current = undefined;
    };
    // The editor is made once per completion source; the text follows `value` below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [completion]);

  // A history pick sets the text from outside; typing already matches and changes nothing.
  useEffect(() => {
    const view = viewRef.current;
    if (!view || view.state.doc.toString() === value) return;
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: value } });
  }, [value]);

  return <div className="promql-editor" ref={hostRef} />;
}
