// The npm peer the exposition benchmark measures ships no types; only its entry point is used.
declare module 'parse-prometheus-text-format' {
  export default function parsePrometheusTextFormat(text: string): unknown[];
}
