import { IsUrl } from 'class-validator';

/**
 * An absolute http(s) URL setting such as PUBLIC_BASE_URL. Hosts without a
 * top-level domain are allowed (localhost, a compose or Kubernetes service name).
 */
export function IsBaseUrl(): PropertyDecorator {
  return IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true });
}

/** A base URL as the services use it: without trailing slashes, so paths are appended with `/…`. */
export function baseUrl(setting: string): string {
  return setting.replace(/\/+$/, '');
}
