/**
 * Environment that sends a local browser's traffic to the render world's proxy (render-world.ts).
 * Chromium reads the lower-case names (miniflare passes them on); loopback always bypasses the proxy.
 * `no_proxy` also keeps wrangler's own loopback requests direct (it honours these variables too).
 */
export function browserProxyEnv(proxyUrl: string): Record<string, string> {
  return { http_proxy: proxyUrl, https_proxy: proxyUrl, no_proxy: 'localhost,127.0.0.1,::1' };
}
