// TLS settings for reading what a device's port is, never for sending it anything secret.
import { isIP } from 'node:net';
import type { ConnectionOptions } from 'node:tls';

export function tlsOptionsForProbing(host: string): ConnectionOptions {
  return {
    // Homelab devices serve self-signed certificates; we only read a page title or see
    // that a handshake happens, and send no credentials, so trust does not matter here.
    rejectUnauthorized: false,
    // Old appliances (printers, IPMI, switches) only speak TLS 1.0 or weak ciphers; a
    // scan that refused them would report their web interface as missing.
    minVersion: 'TLSv1',
    ciphers: 'DEFAULT:@SECLEVEL=0',
    // SNI off for an address (RFC 6066 forbids one as server name); on for a host name,
    // which a reverse proxy may need to pick the right site.
    servername: isIP(host) === 0 ? host : '',
  };
}
