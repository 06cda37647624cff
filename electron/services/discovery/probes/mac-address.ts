// MAC addresses as the OS tools print them (0:11:32:a:b:c, 00-11-32-0A-0B-0C,
// 0011.320a.0b0c) turned into one form: lowercase, colon-separated, zero-padded.

export function normalizeMac(text: string): string | undefined {
  const trimmed = text.trim().toLowerCase();
  let octets: string[];
  if (/^[0-9a-f]{1,2}([:-][0-9a-f]{1,2}){5}$/.test(trimmed)) {
    octets = trimmed.split(/[:-]/).map((octet) => octet.padStart(2, '0'));
  } else if (/^[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}$/.test(trimmed) || /^[0-9a-f]{12}$/.test(trimmed)) {
    octets = trimmed.replaceAll('.', '').match(/../g) ?? [];
  } else {
    return undefined;
  }
  return octets.join(':');
}

/** All zeros (an incomplete entry) or a group address (broadcast, multicast): no device. */
export function isDeviceMac(mac: string): boolean {
  const first = parseInt(mac.slice(0, 2), 16);
  return mac !== '00:00:00:00:00:00' && (first & 0x01) === 0;
}

/**
 * Locally administered (bit 1 of the first octet set): chosen by software, not burnt in
 * by a maker — VMs, containers, veths, phones' private Wi-Fi addresses. No vendor to name.
 */
export function isLocallyAdministered(mac: string): boolean {
  return (parseInt(mac.slice(0, 2), 16) & 0x02) !== 0;
}
