import { BlockList, isIP } from 'node:net';

/*
 * Where TrustFlow may send webhooks (DESIGN, "Safe targets"): on AWS only https to public addresses, so
 * that a subscriber cannot point deliveries at the Lambda runtime API, the metadata service or anything
 * private; the local stack also allows http on loopback, for a receiver on the developer's machine. A URL
 * is checked when it is registered; a host name is resolved and checked again at every delivery.
 */

/** Addresses no delivery may reach: unspecified, private, loopback, link-local, CGNAT, reserved, multicast. */
const forbidden = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  forbidden.addSubnet(network, prefix, 'ipv4');
}
// IPv4-mapped IPv6 (::ffff:a.b.c.d) is matched against the IPv4 rules; embeddings that are not are blocked whole
for (const [network, prefix] of [
  ['::', 96],
  ['64:ff9b::', 96],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001::', 23],
  ['2001:db8::', 32],
  ['2002::', 16],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const) {
  forbidden.addSubnet(network, prefix, 'ipv6');
}

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

/** True when an address is one no delivery may reach; anything that is not an IP address counts as forbidden. */
export function isForbiddenAddress(address: string): boolean {
  const family = isIP(address);
  // BlockList.check answers false for what it cannot parse: an unknown form must not pass
  return family === 0 || forbidden.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

/** True for a loopback IP address (127.0.0.0/8, ::1, and IPv4-mapped forms). */
export function isLoopbackAddress(address: string): boolean {
  const family = isIP(address);
  return family !== 0 && loopback.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host.endsWith('.localhost') || isLoopbackAddress(host);
}

/** Which targets a deployment allows: the local stack also takes http on loopback. */
export interface WebhookTargetPolicy {
  allowLoopbackHttp: boolean;
}

/** The policy of this deployment: the local stack sets `WEBHOOK_ALLOW_LOOPBACK_HTTP=true`. */
export function readWebhookTargetPolicy(env: Record<string, string | undefined> = process.env): WebhookTargetPolicy {
  return { allowLoopbackHttp: env.WEBHOOK_ALLOW_LOOPBACK_HTTP === 'true' };
}

/**
 * Why a URL may not receive webhooks, or undefined when it may: https only (http on loopback where the
 * policy allows it), no user or password in it, and no IP literal in a forbidden range. A host name is
 * resolved and checked at delivery.
 */
export function assessWebhookUrl(raw: string, policy: WebhookTargetPolicy): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'must be an absolute URL';
  }
  if (url.username || url.password) return 'must not carry a user name or password';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const loopbackAllowed = policy.allowLoopbackHttp && isLoopbackHost(host);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopbackAllowed)) {
    return policy.allowLoopbackHttp ? 'must be https (or http on loopback, locally)' : 'must be https';
  }
  if (loopbackAllowed) return undefined;
  if (host === 'localhost' || host.endsWith('.localhost')) return 'must not point at loopback';
  if (isIP(host) !== 0 && isForbiddenAddress(host)) {
    return 'must not point at a private, loopback, link-local or reserved address';
  }
  return undefined;
}
