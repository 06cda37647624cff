// blackbox_exporter modules: the presets a user picks in the wizard (validated params),
// the typed module model they become, and its rendering to blackbox.yml. Only fields
// that blackbox_exporter 0.23 (Debian 12) already accepts are used, so one file serves
// Debian's package and current upstream.
import { moduleName, type BlackboxModuleParams } from '@shared/contract';
import { stringify } from 'yaml';

// ---- the module model, in blackbox.yml's own key names ----

interface TlsConfig {
  insecure_skip_verify: boolean;
}

export interface HttpProbe {
  method: 'GET' | 'POST';
  preferred_ip_protocol: 'ip4' | 'ip6';
  valid_status_codes?: number[];
  valid_http_versions?: string[];
  follow_redirects?: boolean;
  fail_if_ssl?: boolean;
  fail_if_not_ssl?: boolean;
  headers?: Record<string, string>;
  body?: string;
  /** The secret's file, written 0600 by the deploy step; the token never enters this file. */
  bearer_token_file?: string;
  fail_if_body_not_matches_regexp?: string[];
  tls_config?: TlsConfig;
}

export interface TcpProbe {
  preferred_ip_protocol: 'ip4' | 'ip6';
  tls: boolean;
  tls_config?: TlsConfig;
}

export interface IcmpProbe {
  preferred_ip_protocol: 'ip4' | 'ip6';
}

export interface DnsProbe {
  preferred_ip_protocol: 'ip4' | 'ip6';
  query_name: string;
  query_type: string;
  valid_rcodes: string[];
  validate_answer_rrs?: { fail_if_not_matches_regexp?: string[]; fail_if_none_matches_regexp?: string[] };
}

export type BlackboxModule =
  | { prober: 'http'; timeout: string; http: HttpProbe }
  | { prober: 'tcp'; timeout: string; tcp: TcpProbe }
  | { prober: 'icmp'; timeout: string; icmp: IcmpProbe }
  | { prober: 'dns'; timeout: string; dns: DnsProbe };

export interface BlackboxConfig {
  modules: Record<string, BlackboxModule>;
}

/** Where the bearer token of an http_post_auth module lives, under the config directory. */
export function bearerTokenPath(configDirectory: string, name: string): string {
  return `${configDirectory}/secrets/${name}.token`;
}

// ---- presets → model ----

function toModule(module: BlackboxModuleParams, configDirectory: string): BlackboxModule {
  const timeout = `${module.timeoutSeconds}s`;
  const verifyTls = { insecure_skip_verify: false };
  switch (module.preset) {
    case 'http_2xx':
      return {
        prober: 'http',
        timeout,
        http: {
          method: 'GET',
          preferred_ip_protocol: 'ip4',
          valid_http_versions: ['HTTP/1.1', 'HTTP/2.0'],
          ...(module.validStatusCodes.length > 0 ? { valid_status_codes: module.validStatusCodes } : {}),
          follow_redirects: true,
          tls_config: verifyTls,
        },
      };
    case 'http_post_auth':
      return {
        prober: 'http',
        timeout,
        http: {
          method: 'POST',
          preferred_ip_protocol: 'ip4',
          headers: { 'Content-Type': module.contentType },
          body: module.body,
          bearer_token_file: bearerTokenPath(configDirectory, moduleName(module)),
          ...(module.bodyMustMatch.length > 0
            ? { fail_if_body_not_matches_regexp: module.bodyMustMatch }
            : {}),
          tls_config: verifyTls,
        },
      };
    case 'http_ssl_check':
      return {
        prober: 'http',
        timeout,
        http: {
          method: 'GET',
          preferred_ip_protocol: 'ip4',
          fail_if_not_ssl: true,
          ...(module.bodyMustMatch.length > 0
            ? { fail_if_body_not_matches_regexp: module.bodyMustMatch }
            : {}),
          tls_config: verifyTls,
        },
      };
    case 'tcp_connect':
      return { prober: 'tcp', timeout, tcp: { preferred_ip_protocol: 'ip4', tls: false } };
    case 'tcp_connect_tls':
      return {
        prober: 'tcp',
        timeout,
        tcp: { preferred_ip_protocol: 'ip4', tls: true, tls_config: verifyTls },
      };
    case 'icmp':
      return { prober: 'icmp', timeout, icmp: { preferred_ip_protocol: 'ip4' } };
    case 'dns':
      return {
        prober: 'dns',
        timeout,
        dns: {
          preferred_ip_protocol: 'ip4',
          query_name: module.queryName,
          query_type: module.queryType,
          valid_rcodes: ['NOERROR'],
        },
      };
    case 'dns_mx':
      return {
        prober: 'dns',
        timeout,
        dns: {
          preferred_ip_protocol: 'ip4',
          query_name: module.queryName,
          query_type: 'MX',
          valid_rcodes: ['NOERROR'],
          validate_answer_rrs:
            module.answerMustMatch.length > 0
              ? { fail_if_not_matches_regexp: module.answerMustMatch }
              : { fail_if_none_matches_regexp: ['\\sMX\\s'] },
        },
      };
  }
}

export function blackboxConfig(
  modules: readonly BlackboxModuleParams[],
  configDirectory: string,
): BlackboxConfig {
  return {
    modules: Object.fromEntries(
      modules.map((module) => [moduleName(module), toModule(module, configDirectory)]),
    ),
  };
}

/** blackbox.yml, keys sorted so the same modules always give the same bytes. */
export function renderBlackboxYaml(config: BlackboxConfig): string {
  return stringify(config, { sortMapEntries: true, lineWidth: 0 });
}
